from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils.functional import cached_property


class _ItemsInEachLanguage(Sequence):
    """The (item, language) pairs that an i18n sitemap pages through, read a page at a time.

    Django's own list pairs every item with every language before it cuts out a page: each
    page of a section of 20,000 news read all 20,000 from the database."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)

    @cached_property
    def _length(self):
        count = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else list(self)[index]
        start, stop, step = index.indices(len(self))
        per_item = len(self.languages)
        first, last = start // per_item, -(-stop // per_item)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        return pairs[start - first * per_item : stop - first * per_item : step]


class _TranslatedItemsByLanguage(Sequence):
    """(item, language) pairs of Publishable items: every item in Ukrainian, then, for each
    other language, only the items translated into it (PublishableQuerySet.translated()).
    Read a page at a time like _ItemsInEachLanguage; each item carries `parity_<code>` for
    its alternates."""

    def __init__(self, items, languages):
        self.segments = [(code, items.translated(code)) for code in languages]

    @cached_property
    def _counts(self):
        return [items.count() for _code, items in self.segments]

    def __len__(self):
        return sum(self._counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else list(self)[index]
        start, stop, step = index.indices(len(self))
        pairs, offset = [], 0
        for (code, items), count in zip(self.segments, self._counts, strict=True):
            first, last = max(start - offset, 0), min(stop - offset, count)
            if first < last:
                pairs += [(item, code) for item in items[first:last]]
            offset += count
        return pairs[::step]


def translatable(items):
    """Whether a sitemap's items are Publishable content with language parity rules."""
    return isinstance(items, QuerySet) and hasattr(items.model, "translated_condition")


class I18nSitemap(Sitemap):
    """One <url> per language with hreflang alternates (x-default is the Ukrainian page).

    /sitemap.xml is an index of the sections' pages (portal/urls.py; the sections come from
    each app's AppConfig.sitemaps()). A page is read from the database on its own and each
    address is reversed once, not once per alternate. At 20,000 news a page of 1,000
    addresses takes about 0.2 s (most of it the template), then is cached; the one list of
    40,000 addresses took 10 s."""

    i18n = True
    alternates = True
    x_default = True
    limit = 1000  # addresses per page of a section: each item gives one per language

    def _items(self):
        if type(self).get_languages_for_item is not I18nSitemap.get_languages_for_item:
            return super()._items()  # languages that differ per item: Django's own list
        items = self.items()
        if translatable(items):
            # An item not translated into a language has no address in it here, nor an
            # alternate (docs/decisions/0014-language-parity.md).
            flags = {
                f"parity_{code}": ExpressionWrapper(
                    items.model.translated_condition(code), output_field=BooleanField()
                )
                for code in self._languages()
                if code != settings.LANGUAGE_CODE
            }
            return _TranslatedItemsByLanguage(items.annotate(**flags), self._languages())
        return _ItemsInEachLanguage(items, self._languages())

    def get_languages_for_item(self, item):
        return [
            code
            for code in self._languages()
            if code == settings.LANGUAGE_CODE or getattr(item, f"parity_{code}", True)
        ]

    def _location(self, item, force_lang_code=None):
        obj, code = item
        key = (type(obj), getattr(obj, "pk", obj), force_lang_code or code)
        locations = self.__dict__.setdefault("_locations", {})
        if key not in locations:
            locations[key] = super()._location(item, force_lang_code)
        return locations[key]

    def get_latest_lastmod(self):
        # The index's <lastmod> of a section: Django reads every item to find the newest (1.6 s
        # at 20,000 news). A section of more than one page leaves it out (it is optional).
        if self.paginator.num_pages > 1:
            return None
        return super().get_latest_lastmod()
