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


class PrivateMediaStorage(S3Storage):
    """Uploads with personal data (core.files.private_storage), in a bucket of their own:
    nothing serves it; the admin reads a file through the storage for a signed-in staff
    member. A private bucket has no address any page could name."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "bucket_name": settings.AWS_PRIVATE_BUCKET_NAME}

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private uploads have no public address.")
