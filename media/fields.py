"""How other models refer to a library image: the kit's protected key (core.images), which
refuses an image without alt text. Kept here for the migrations that name it."""

from core.images import LibraryImageField

__all__ = ["LibraryImageField"]
