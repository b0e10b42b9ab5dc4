"""The filters of the news and events lists: every value is checked against what exists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterSelect


class FilterForm(forms.Form):
    """Choices are passed in (already fetched for the page), so validating costs no query."""

    def __init__(self, data, *, categories, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.slug, category.name) for category in categories
        ]

    category = forms.ChoiceField(label=_("Category"), required=False, widget=FilterSelect)

    def clean(self):
        cleaned = super().clean()
        return {key: value for key, value in cleaned.items() if value not in (None, "")}


class ArticleFilterForm(FilterForm):
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=FilterSelect
    )

    def __init__(self, data, *, categories, years, **kwargs):
        super().__init__(data, categories=categories, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]


class EventFilterForm(FilterForm):
    raion = forms.ChoiceField(label=_("Raion"), required=False, widget=FilterSelect)

    def __init__(self, data, *, categories, raions, **kwargs):
        super().__init__(data, categories=categories, **kwargs)
        self.fields["raion"].choices = [("", _("All raions"))] + [
            (raion.code, raion.name) for raion in raions
        ]
