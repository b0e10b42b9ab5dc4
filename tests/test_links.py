"""core.links.slug_url: reverse()'s address for every slug, language and script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.links import slug_url

NAMES = ["news:article-detail", "news:event-detail", "news:event-ics", "programs:detail"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", ["uk", "en"])
@pytest.mark.parametrize("slug", ["spaces", "a-b_c-2020", "__slug__", "slug"])
def test_the_same_address_as_reverse(name, language, slug):
    with translation.override(language):
        assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_a_script_prefix_is_kept():
    slug_url("programs:detail", "spaces")
    set_script_prefix("/portal/")
    try:
        assert slug_url("programs:detail", "spaces") == "/portal/programs/spaces/"
    finally:
        set_script_prefix("/")
    assert slug_url("programs:detail", "spaces") == "/programs/spaces/"


@pytest.mark.parametrize("slug", ["київ", "a/b", "a b", ""])
def test_a_slug_the_pattern_refuses_is_refused_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("programs:detail", slug)
