"""Admin: councils with filters, search and translation tabs; units read-only; checked uploads."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from members.factories import HromadaFactory
from members.models import Council, TerritorialUnit
from tests.members_helpers import build_oblast

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_the_council_list_filters_by_raion_kind_and_status_and_searches(admin_client):
    data = build_oblast()
    raion = data["raions"][0]
    url = "/admin/members/council/"
    html = admin_client.get(url).content.decode()
    assert "Район0ський" in html  # the raion filter offers the raions
    response = admin_client.get(url, {"raion": raion.code})
    assert response.context["cl"].result_count == 4  # the raion council and 3 hromada councils
    assert admin_client.get(url, {"kind__exact": "raion"}).context["cl"].result_count == 2
    assert admin_client.get(url, {"status__exact": "not_member"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "Громада01"}).context["cl"].result_count == 1
    # a KATOTTG code finds the council of that unit
    assert admin_client.get(url, {"q": data["raions"][1].code}).context["cl"].result_count == 1


def test_the_council_form_has_translation_tabs_and_checks_the_phone(admin_client):
    unit = HromadaFactory(name="Тестова")
    council = Council.objects.create(unit=unit, kind="hromada", name="Тестова рада", slug="test")
    url = f"/admin/members/council/{council.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert 'name="name_uk"' in html and 'name="name_en"' in html
    assert 'name="head_name_uk"' in html and 'name="description_en"' in html
    data = {
        "unit": unit.pk,
        "kind": "hromada",
        "hromada_type": "village",
        "name_uk": "Тестова сільська рада",
        "name_en": "Testova Village Council",
        "slug": "test",
        "status": "member",
        "phone": "not a phone",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Введіть номер телефону з кодом" in response.content.decode()
    data["phone"] = "0577000000"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    council.refresh_from_db()
    assert (council.name_en, council.phone) == ("Testova Village Council", "+380 57 700 0000")


def test_territorial_units_are_read_only_in_admin(admin_client):
    unit = HromadaFactory()
    assert admin_client.get("/admin/members/territorialunit/").status_code == 200
    assert admin_client.get("/admin/members/territorialunit/add/").status_code == 403
    html = admin_client.get(f"/admin/members/territorialunit/{unit.pk}/change/").content.decode()
    assert 'name="_save"' not in html
    response = admin_client.post(
        f"/admin/members/territorialunit/{unit.pk}/change/",
        {"code": unit.code, "category": "H", "name_uk": "Змінена"},
    )
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name_uk != "Змінена"


def test_staff_without_permission_cannot_edit_councils(django_user_model):
    council = build_oblast(raions=1, hromadas_per_raion=1)["hromada_councils"][0]
    user = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/members/council/").status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_council"))
    assert client.get("/admin/members/council/").status_code == 200
    response = client.post(f"/admin/members/council/{council.pk}/change/", {"name_uk": "Інша"})
    assert response.status_code == 403
    assert TerritorialUnit.objects.exists()


@pytest.mark.parametrize("typed", ["Куп'янська", "Куп’янська", "Купʼянська", "куп`янська"])
def test_the_admin_search_finds_a_name_whatever_apostrophe_staff_type(admin_client, typed):
    raion = TerritorialUnit.objects.create(
        code="UA63080000000000001", category="P", name="Куп’янський"
    )
    unit = HromadaFactory(parent=raion, name="Куп’янська")
    Council.objects.create(
        unit=unit, kind="hromada", name="Куп’янська міська рада", slug="kupianska"
    )
    Council.objects.create(
        unit=HromadaFactory(parent=raion, name="Дворічанська"),
        kind="hromada",
        name="Дворічанська селищна рада",
        slug="dvorichanska",
    )
    councils = admin_client.get("/admin/members/council/", {"q": typed}).context["cl"]
    assert [council.slug for council in councils.result_list] == ["kupianska"]
    units = admin_client.get("/admin/members/territorialunit/", {"q": typed}).context["cl"]
    assert [unit.code for unit in units.result_list] == [unit.code]
    # The autocomplete that picks a council (the board) searches the same way.
    found = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "members", "model_name": "boardpost", "field_name": "council", "term": typed},
    ).json()["results"]
    assert [item["text"] for item in found] == ["Куп’янська міська рада"]
