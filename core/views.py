"""Views and view mixins shared by the content apps."""

import errno
import posixpath

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views import static

# Uploaded media a browser may show inline: the image formats core.images stores and makes.
# Anything else (documents, or a file that reached the storage some other way) is a download.
INLINE_MEDIA_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"})


def serve_media(request, path, document_root=None):
    """Uploaded files, when the site serves them itself (settings.SERVE_MEDIA, `make run`),
    read from MEDIA_ROOT at each request.

    Images are shown inline; every other file is sent as an attachment with nosniff, so a
    document is never rendered by the browser as a page of this site, whatever it holds.
    docs/decisions/0010-uploads.md has the same rule for nginx.
    """
    try:
        response = static.serve(request, path, document_root=document_root or settings.MEDIA_ROOT)
    except OSError as error:
        # A name the file system refuses (longer than 255 bytes) is not there: a 404, not a 500.
        # A path out of MEDIA_ROOT is Django's 400, logged as a warning (portal.logs).
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=posixpath.basename(path)
        )
    return response


class PreviewMixin:
    """Detail views of Publishable content: the public sees what is published; staff who may
    view the model also see drafts, scheduled and expired items (a preview), which are kept
    out of search engines and shared caches. Templates show includes/preview_notice.html.

    An item not translated into the page's language (`Publishable.is_translated`) is not shown
    in Ukrainian under an English address: the page says, in its language, that it is only in
    Ukrainian and links there (untranslated.html; docs/decisions/0014-language-parity.md)."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_template_names(self):
        if not self.object.is_translated():
            return ["untranslated.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object.is_translated():
            with translation.override(settings.LANGUAGE_CODE):
                context["original_url"] = self.object.get_absolute_url()
                context["original_title"] = str(self.object)
            context["original_language"] = settings.LANGUAGE_CODE
            context["item"] = self.object
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "private, no-store"
        elif not self.object.is_translated():
            response["X-Robots-Tag"] = "noindex"
        return response
