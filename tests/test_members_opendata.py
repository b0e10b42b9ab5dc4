"""Open data: the exports, the structure files and the passport come from one field list."""

import csv
import io
import json
import re

import pytest

from members.models import Council
from members.opendata import FIELDS
from tests.members_helpers import build_oblast

pytestmark = pytest.mark.django_db

FIELD_NAMES = [field.name for field in FIELDS]


@pytest.fixture
def oblast():
    data = build_oblast(raions=2, hromadas_per_raion=3, not_members=2)
    council = data["hromada_councils"][0]
    council.name_en = "Hromada00ska Village Council"
    council.head_name_uk = "Тестовий Голова"
    council.phone = "+380 57 700 0000"
    council.population = 5400
    council.area_km2 = "312.5"
    council.member_since = "2021-03-01"
    council.save()
    return data


def listed_codes(client):
    return re.findall(r'data-katottg="(UA\d+)"', client.get("/members/").content.decode())


def test_the_csv_export_parses_and_holds_exactly_the_councils_the_page_lists(client, oblast):
    response = client.get("/members/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == FIELD_NAMES
    assert [row["katottg"] for row in rows] == listed_codes(client)
    assert len(rows) == 7
    row = next(row for row in rows if row["katottg"] == oblast["hromada_councils"][0].unit.code)
    assert row["name_uk"] == "Громада00ська сільська рада"
    assert row["name_en"] == "Hromada00ska Village Council"
    assert row["kind"] == "hromada"
    assert row["raion_katottg"] == oblast["raions"][0].code
    assert row["raion_name_uk"] == "Район0ський"
    assert row["status"] == "member"
    assert row["member_since"] == "2021-03-01"
    assert row["head_name"] == "Тестовий Голова"
    assert row["phone"] == "+380 57 700 0000"
    assert (row["population"], row["area_km2"]) == ("5400", "312.5")
    assert row["url"] == "http://testserver" + oblast["hromada_councils"][0].get_absolute_url()


def test_the_json_export_parses_and_holds_exactly_the_councils_the_page_lists(client, oblast):
    response = client.get("/en/members/export.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    records = json.loads(response.content)
    assert [record["katottg"] for record in records] == listed_codes(client)
    assert all(list(record) == FIELD_NAMES for record in records)
    record = next(r for r in records if r["katottg"] == oblast["hromada_councils"][0].unit.code)
    assert record["population"] == 5400 and record["area_km2"] == 312.5
    assert record["member_since"] == "2021-03-01"
    oblast_record = next(r for r in records if r["kind"] == "oblast")
    assert oblast_record["raion_katottg"] == "" and oblast_record["member_since"] is None
    assert "Громада00ська сільська рада" in response.content.decode()  # UTF-8, not \\u escapes


def test_the_exports_are_the_whole_registry_whatever_the_page_filters(client, oblast):
    """The exports are the whole registry: a filter on the page does not change them."""
    records = json.loads(client.get("/members/export.json?kind=raion").content)
    assert len(records) == Council.objects.members().count()


def test_the_structure_files_describe_every_field_in_both_languages(client):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/members/structure.csv").content.decode("utf-8-sig"))
        )
    )
    described = json.loads(client.get("/members/structure.json").content)
    assert [row["name"] for row in rows] == FIELD_NAMES
    assert rows == described
    katottg = described[0]
    assert katottg == {
        "name": "katottg",
        "type": "string",
        "description_uk": "Код КАТОТТГ територіальної одиниці ради",
        "description_en": "KATOTTG code of the council's territorial unit",
    }
    assert all(row["description_uk"] != row["description_en"] for row in described)


def test_the_passport_describes_the_dataset_and_its_fields(client, oblast):
    html = client.get("/members/open-data/").content.decode()
    for label in [
        "Розпорядник",
        "Частота оновлення",
        "Дата останньої зміни",
        "Формати",
        "Ліцензія",
    ]:
        assert f'<th scope="row">{label}</th>' in html
    for name in FIELD_NAMES:
        assert f'<th scope="row"><code>{name}</code></th>' in html
    for url in [
        "/members/export.csv",
        "/members/export.json",
        "/members/structure.csv",
        "/members/structure.json",
    ]:
        assert f'href="{url}"' in html
    assert "зараз — 7" in html


def test_the_registry_links_and_describes_the_exports(client, oblast):
    html = client.get("/members/").content.decode()
    assert 'href="/members/export.csv"' in html
    assert 'href="/members/export.json"' in html
    assert 'href="/members/open-data/"' in html
    assert f"{len(FIELDS)} поля для кожної ради" in html
