from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import FilterSelect
from members.models import Council


class RegistryFilterForm(forms.Form):
    """The registry's filters, from the query string; an invalid one is reported and ignored."""

    q = forms.CharField(
        label=_("Name of a council, hromada or settlement"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    raion = forms.ChoiceField(
        label=_("Raion"),
        required=False,
        widget=FilterSelect,
        error_messages={
            "invalid_choice": _("there is no raion “%(value)s”; choose one from the list.")
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of council"),
        required=False,
        widget=FilterSelect,
        choices=[("", _("All kinds")), *Council.Kind.choices],
        error_messages={
            "invalid_choice": _(
                "there is no kind of council “%(value)s”; choose one from the list."
            )
        },
    )

    def __init__(self, *args, raions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.raions = {raion.code: raion for raion in raions}
        self.fields["raion"].choices = [("", _("All raions"))] + [
            (raion.code, gettext("%(name)s raion") % {"name": raion.name}) for raion in raions
        ]
        for name in ("q", "raion", "kind"):
            self.fields[name].widget.attrs["id"] = f"filter-{name}"

    def filters(self):
        """The valid filters only: a bad value in one field does not spoil the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "raion": self.raions.get(data.get("raion") or ""),
            "kind": data.get("kind", ""),
        }
