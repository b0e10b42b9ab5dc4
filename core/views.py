"""Views and view mixins shared by the content apps."""

import errno
import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import render
from django.utils import translation
from django.utils.http import content_disposition_header, http_date
from django.views import static

# Uploaded media a browser may show inline: the image formats core.images stores and makes.
# Anything else (documents, or a file that reached the storage some other way) is a download.
INLINE_MEDIA_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"})


def serve_media(request, path, document_root=None):
    """Uploaded files, when the site serves them itself (settings.SERVE_MEDIA, `make run`),
    read from the default storage at each request: MEDIA_ROOT, or the object storage that
    several app servers share (portal/storage.py), which is why it never asks for a path
    on disk. `document_root` serves a folder instead (the tests').

    Images are shown inline; every other file is sent as an attachment with nosniff, so a
    document is never rendered by the browser as a page of this site, whatever it holds.
    docs/decisions/0010-uploads.md has the same rule for nginx.
    """
    storage = FileSystemStorage(location=document_root) if document_root else default_storage
    name = posixpath.normpath(path).lstrip("/")
    if name in {"", "."} or path.endswith("/") or "\x00" in name:
        raise Http404
    if name == ".." or name.startswith("../"):
        # Django's refusal of a path out of the folder: a 400, logged as a warning (portal.logs).
        raise SuspiciousFileOperation(f"The media path {path!r} leads out of the storage.")
    try:
        file = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
        raise Http404 from error
    except OSError as error:
        # A name the file system refuses (longer than 255 bytes) is not there: a 404, not a 500.
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404 from error
    modified = storage.get_modified_time(name).timestamp()
    if not static.was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(modified)):
        file.close()
        return HttpResponseNotModified()
    response = FileResponse(file)
    content_type, encoding = mimetypes.guess_type(name)
    response["Content-Type"] = content_type or "application/octet-stream"
    if encoding:
        response["Content-Encoding"] = encoding
    response["Last-Modified"] = http_date(modified)
    response["X-Content-Type-Options"] = "nosniff"
    if (content_type or "") not in INLINE_MEDIA_TYPES:
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=posixpath.basename(name)
        )
    return response


def original_language_context(item, url=None):
    """What untranslated.html says of `item`, shown under an address of another language:
    its Ukrainian title and the Ukrainian address (`url`, a callable, or the item's own)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "original_url": url() if url else item.get_absolute_url(),
            "original_title": str(item),
            "original_language": settings.LANGUAGE_CODE,
            "item": item,
        }


def only_in_ukrainian(request, item, url=None):
    """The page that stands for `item` under an English address while it has no English
    (docs/decisions/0014-language-parity.md): it says so in English and links to Ukrainian."""
    response = render(request, "untranslated.html", original_language_context(item, url))
    response["X-Robots-Tag"] = "noindex"
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
            context.update(original_language_context(self.object))
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "private, no-store"
        elif not self.object.is_translated():
            response["X-Robots-Tag"] = "noindex"
        return response
