"""The demo: the real codifier and councils, figures equal to the seed's, no invented people."""

import io

import pytest
from django.core.management import call_command

from members.models import Association, Council, TerritorialUnit

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        TerritorialUnit.objects.count(),
        sorted(Council.objects.values_list("slug", "status", "name_uk", "name_en", "hromada_type")),
        Association.objects.count(),
    )


def test_the_demo_gives_the_seeds_figures_and_changes_nothing_when_run_again(client):
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    figures = Council.objects.membership_figures()
    assert (figures.members, figures.hromada, figures.raion, figures.oblast) == (62, 54, 7, 1)
    assert (figures.total, figures.share) == (64, 97)
    assert Council.objects.count() == 64
    # Heads are never invented.
    for field in ["head_name_uk", "head_name_en", "head_title_uk"]:
        named = Council.objects.exclude(**{f"{field}__isnull": True}).exclude(**{field: ""})
        assert not named.exists(), field

    # Real names, from the codifier and the official names of the hromadas.
    names = set(Council.objects.values_list("name_uk", flat=True))
    assert {
        "Харківська обласна рада",
        "Богодухівська районна рада",
        "Харківська міська рада",
    } <= names
    assert "Біляївська сільська рада" in names  # a village hromada whose centre is a селище
    assert (
        Council.objects.get(name_uk="Мереф’янська міська рада").name_en
        == "Merefianska City Council"
    )

    # The registry says plainly that the demo's list of members is illustrative.
    html = client.get("/members/").content.decode()
    assert "перелік членів ілюстративний" in html
    assert "62</span> місцеві ради — члени Асоціації" in " ".join(html.split())
    assert "97 %" in html

    # The association page shows the library's example statute, marked as an example.
    page = client.get("/members/association/").content.decode()
    statute = page[page.index('id="documents-title"') :]
    assert "Статут асоціації органів місцевого самоврядування</a>" in statute
    assert "Демонстраційний приклад" in statute[: statute.index("</li>")]
