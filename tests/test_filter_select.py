"""core.forms.FilterSelect: Django's select markup, made without the form renderer."""

import pytest
from django import forms

from core.forms import FilterSelect

CHOICES = [("", "Усі роки"), (2026, "2026"), ("a&b", "Тег <b>“жирний”</b>"), ("x", "x")]


@pytest.mark.parametrize("value", [None, "", 2026, "2026", "a&b", "x", "nothing", ["x"]])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "filter-year", "required": True, "x": False},
        # A field with an error: Django adds these after the id, and keeps that order.
        {"id": "filter-year", "aria-invalid": "true", "aria-describedby": "id_year_error"},
    ],
)
def test_the_markup_is_djangos_to_the_byte(value, attrs):
    ours = FilterSelect(choices=CHOICES).render("year", value, attrs)
    djangos = forms.Select(choices=CHOICES).render("year", value, attrs)
    assert ours == djangos
    assert ours.count(" selected") == (0 if value in ("nothing",) else 1)


def test_repeated_values_select_only_the_first_like_django():
    choices = [("a", "A"), ("a", "A again")]
    ours = FilterSelect(choices=choices).render("k", "a")
    assert ours == forms.Select(choices=choices).render("k", "a")


def test_grouped_choices_are_left_to_django():
    choices = [("Group", [("a", "A"), ("b", "B")]), ("c", "C")]
    html = FilterSelect(choices=choices).render("k", "b")
    assert '<optgroup label="Group">' in html
    assert html == forms.Select(choices=choices).render("k", "b")
