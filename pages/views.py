from content_editor.contents import contents_for_item
from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from core.views import PreviewMixin
from media import richtext
from pages import tree
from pages.emails import send_staff_email
from pages.forms import ContactForm
from pages.models import BLOCKS, ContactCard, Page, PageRedirect, RichText, SiteNotice
from pages.notices import DISMISSED_COOKIE, dismissed_notice_ids
from submissions.limits import is_ratelimited

# Paths longer than a page's can never match one (and are not looked up).
MAX_PATH = 990


def clean_path(path):
    if "\x00" in path or len(path) > MAX_PATH:
        raise Http404("No such page")
    return f"/{path.strip('/')}/"


class PageView(PreviewMixin, DetailView):
    """A page of the tree at its path; an old path of a moved page answers with a 301."""

    model = Page
    context_object_name = "page"

    def get_object(self, queryset=None):
        path = clean_path(self.kwargs["path"])
        user = self.request.user
        if user.is_staff and user.has_perm("pages.view_page"):  # drafts too: a preview
            page = Page.objects.with_cover().filter(path=path).first()
        else:
            # The public tree is read once per request for the menus anyway; a published page
            # under a draft waits with its branch (pages.tree).
            page = next((item for item in tree.published_pages() if item.path == path), None)
        if page is None:
            raise Http404("No such page")
        tree.set_current(page)
        return page

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = (
                PageRedirect.objects.filter(old_path=clean_path(kwargs["path"]))
                .select_related("page")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.page.get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.kind != Page.Kind.CONTACTS:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        form = ContactForm(request.POST, session=request.session)
        rate = getattr(settings, "CONTACT_FORM_RATE", "10/h")
        if is_ratelimited(request, group="pages.contact", rate=rate):
            form.is_valid()  # show the form as it was sent, and keep the text
            form.add_error(
                None,
                _(
                    "Too many messages were sent from your network in the last hour. "
                    "Nothing was saved; please try again later. What you typed is kept below."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        stored = form.save(language=translation.get_language())
        if stored.new is not None:  # a repeat was answered the first time: no e-mail again
            send_staff_email(stored.new)
        messages.success(
            request,
            _("Thank you: your message was received. We will answer to the e-mail you gave."),
        )
        return redirect(self.object.get_absolute_url())

    def get_template_names(self):
        names = super().get_template_names()
        if names == ["untranslated.html"]:
            return names
        return [f"pages/page_{self.object.kind}.html", "pages/page.html"]

    def get_context_data(self, **kwargs):
        page = self.object
        context = super().get_context_data(**kwargs)
        context["blocks"] = contents_for_item(page, BLOCKS).main
        # The library images of all the page's texts, in one query (media.richtext).
        context["library_images"] = richtext.images_in(
            *(block.text for block in context["blocks"] if isinstance(block, RichText))
        )
        context["breadcrumbs"] = [
            (item.get_absolute_url(), item.title) for item in tree.ancestors(page)
        ]
        context["section"] = tree.section(page)
        if page.kind == Page.Kind.CONTACTS:
            if "form" not in context:
                context["form"] = ContactForm(session=self.request.session)
            context["json_ld"] = organisation_data(self.request, context["blocks"])
            context["map_query"] = _("Derzhprom, Kharkiv")
        return context


def organisation_data(request, blocks):
    """schema.org GovernmentOrganization of the contacts page: the address from its first
    contact card; e-mail and phone from the settings (never a demo placeholder)."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri(reverse("portal:home")),
        "email": settings.CENTRE_EMAIL,
    }
    if settings.CENTRE_PHONE:
        data["telephone"] = settings.CENTRE_PHONE
    card = next((block for block in blocks if isinstance(block, ContactCard)), None)
    if card is not None and card.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": card.address,
            "addressLocality": _("Kharkiv"),
            "addressCountry": "UA",
        }
    return data


@require_GET
def dismiss_notice(request, pk):
    """Hide a notice for this visitor (a cookie), then go back; works without JavaScript."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("portal:home")
    response = HttpResponseRedirect(next_url)
    notice = SiteNotice.objects.filter(pk=pk, dismissible=True).first()
    if notice is not None:
        ids = sorted(dismissed_notice_ids(request) | {notice.pk})[-20:]
        response.set_cookie(
            DISMISSED_COOKIE,
            ".".join(map(str, ids)),
            max_age=60 * 60 * 24 * 90,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    return response
