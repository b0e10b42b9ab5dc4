"""The published page tree, read once per content version: the header and footer menus,
breadcrumbs, the section menu and the page itself come from it (a site has tens of pages,
not thousands)."""

import copy
import threading

from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save

from core import cache
from pages.models import Page

_memo = threading.local()


def forget(**kwargs):
    _memo.pages = None
    if kwargs.get("signal") is request_started:
        _memo.current_path = None


def set_current(page):
    """The page this request shows, so that its menu item is marked as the current one."""
    _memo.current_path = page.path


def current_path():
    return getattr(_memo, "current_path", None)


request_started.connect(forget, dispatch_uid="pages.tree.request")
post_save.connect(forget, sender=Page, dispatch_uid="pages.tree.save")
post_delete.connect(forget, sender=Page, dispatch_uid="pages.tree.delete")


def _read_published_pages():
    # Whole rows: the page a request shows is one of them, read with the menus.
    rows = list(Page.objects.published().with_cover())
    ids = {page.pk for page in rows}
    # A published page under a draft is not shown either: its whole branch waits.
    return [page for page in rows if all(pk in ids for pk in page.tree_path)]


def published_pages():
    """Every page the public sees, in tree order: published, and under published pages.

    Read once per content version and process (core.cache.per_version); each request gets
    copies of its own, which a view may annotate without other requests seeing it."""
    pages = getattr(_memo, "pages", None)
    if pages is None:
        shared = cache.per_version("pages.tree", _read_published_pages)
        pages = _memo.pages = [copy.copy(page) for page in shared]
    return pages


def menu_pages(place):
    """The pages staff placed in the header or footer menu; in another language than
    Ukrainian only those translated into it (docs/decisions/0014-language-parity.md)."""
    return [
        page
        for page in published_pages()
        if page.menu in Page.MENU_PLACES[place] and page.is_translated()
    ]


def ancestors(page):
    """The published ancestors of `page`, from the root down."""
    by_id = {item.pk: item for item in published_pages()}
    return [by_id[pk] for pk in page.tree_path[:-1] if pk in by_id]


def section(page):
    """The section menu: the root of the page's branch and its children, the current branch's
    children too. Empty for a page alone at the top."""
    pages = published_pages()
    root_id = page.tree_path[0]
    children = {}
    for item in pages:
        children.setdefault(item.parent_id, []).append(item)
    root = next((item for item in pages if item.pk == root_id), None)
    if root is None or not children.get(root_id):
        return None
    open_ids = set(page.tree_path)

    def branch(node):
        return {
            "page": node,
            "current": node.pk == page.pk,
            "children": [branch(child) for child in children.get(node.pk, [])]
            if node.pk in open_ids
            else [],
        }

    return branch(root)
