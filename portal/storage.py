"""Uploads in S3-compatible object storage (settings.AWS_STORAGE_BUCKET_NAME)."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """django-storages' S3 storage whose addresses stay under MEDIA_URL.

    Pages never name the bucket's host (no request to a third party from a page): the site
    serves /media/ from the bucket itself (core.views.serve_media), or a proxy or CDN in
    front of the bucket does, with MEDIA_URL set to its address.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
