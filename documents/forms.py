"""The library's filters: every value is checked against what exists (a wrong one is a 404)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, topics, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Document.Kind.choices]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name) for topic in topics
        ]
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]

    def clean(self):
        cleaned = super().clean()
        return {key: value for key, value in cleaned.items() if value not in (None, "")}
