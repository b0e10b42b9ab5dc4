"""The KATOTTG import: the shipped extract, the official .xlsx layout, re-imports."""

import csv
import time

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core import cache
from members.centres import hromada_type_from_centre
from members.katottg import DEFAULT_FILE, import_units, read_codifier
from members.models import Council, TerritorialUnit

pytestmark = pytest.mark.django_db

OBLAST = "UA63000000000041885"
BOHODUKHIV_RAION = "UA63020000000066931"
BOHODUKHIV_HROMADA = "UA63020010000079018"
BOHODUKHIV_CITY = "UA63020010010049442"


def category_counts():
    return {
        category: TerritorialUnit.objects.filter(category=category).count()
        for category in "OPHMXTCB"
    }


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["level1", "level2", "level3", "level4", "extra", "category", "name"]
        )
        writer.writeheader()
        writer.writerows(rows)


def shipped_rows():
    with open(DEFAULT_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_importing_the_shipped_extract_twice_gives_the_same_units(capsys):
    call_command("import_katottg")
    first = category_counts()
    assert first == {"O": 1, "P": 7, "H": 56, "M": 18, "X": 178, "T": 0, "C": 1555, "B": 9}
    ids = dict(TerritorialUnit.objects.values_list("code", "pk"))

    call_command("import_katottg")
    assert category_counts() == first
    assert dict(TerritorialUnit.objects.values_list("code", "pk")) == ids
    assert "додано: 0, оновлено: 0, вилучено: 0" in capsys.readouterr().out


def test_the_import_builds_the_hierarchy_with_english_names():
    call_command("import_katottg")
    city = TerritorialUnit.objects.select_related("parent__parent__parent").get(
        code=BOHODUKHIV_CITY
    )
    assert city.name_uk == "Богодухів"
    assert city.name_en == "Bohodukhiv"  # transliterated (CMU resolution No. 55)
    hromada = city.parent
    assert (hromada.code, hromada.category, hromada.name_uk) == (
        BOHODUKHIV_HROMADA,
        "H",
        "Богодухівська",
    )
    assert hromada.name_en == "Bohodukhivska"  # from the shipped names file
    assert hromada.parent.code == BOHODUKHIV_RAION
    assert hromada.parent.parent.code == OBLAST
    # Renamed units carry their official English names, not a transliteration of the old one.
    assert TerritorialUnit.objects.get(code="UA63060000000053698").name_en == "Berestynskyi"


def test_the_import_of_1824_rows_is_quick_and_uses_bulk_statements(django_assert_max_num_queries):
    rows = read_codifier(DEFAULT_FILE)
    started = time.perf_counter()
    with django_assert_max_num_queries(12):
        result = import_units(rows)
    elapsed = time.perf_counter() - started
    assert (result.total, result.added) == (1824, 1824)
    assert elapsed < 5, f"the import took {elapsed:.2f} s"


def test_a_reimport_updates_names_adds_units_and_never_duplicates(tmp_path):
    call_command("import_katottg")
    rows = shipped_rows()
    for row in rows:
        if row["level4"] == BOHODUKHIV_CITY and not row["extra"]:
            row["name"] = "Богодухів-Новий"
    rows.append(
        {
            "level1": OBLAST,
            "level2": BOHODUKHIV_RAION,
            "level3": BOHODUKHIV_HROMADA,
            "level4": "UA63020010999999999",
            "extra": "",
            "category": "C",
            "name": "Нове Село",
        }
    )
    edition = tmp_path / "edition.csv"
    write_csv(edition, rows)
    before = cache.content_version()
    call_command("import_katottg", str(edition))
    # Bulk statements send no signals: the import moves the content version itself, so the
    # registry's per-version parts and stored pages show the new names at once.
    after = cache.content_version()
    assert after != before
    call_command("import_katottg", str(edition))
    assert cache.content_version() == after  # nothing changed, nothing to make again

    assert TerritorialUnit.objects.get(code=BOHODUKHIV_CITY).name_uk == "Богодухів-Новий"
    new = TerritorialUnit.objects.get(code="UA63020010999999999")
    assert new.parent.code == BOHODUKHIV_HROMADA
    assert TerritorialUnit.objects.count() == 1825


def test_a_unit_a_council_points_to_survives_an_import_that_drops_it(tmp_path, capsys):
    call_command("import_katottg")
    hromada = TerritorialUnit.objects.get(code=BOHODUKHIV_HROMADA)
    council = Council.objects.create(
        unit=hromada, kind="hromada", name="Богодухівська міська рада", slug="bohodukhiv"
    )
    settlements = hromada.children.count()
    # A new edition without the hromada and its settlements, and without one village elsewhere.
    dropped_village = "UA63020030020027633"
    rows = [
        row
        for row in shipped_rows()
        if row["level3"] != BOHODUKHIV_HROMADA and row["level4"] != dropped_village
    ]
    assert len(rows) < 1824 - settlements
    edition = tmp_path / "without-bohodukhiv.csv"
    write_csv(edition, rows)
    call_command("import_katottg", str(edition))

    hromada.refresh_from_db()
    assert hromada.in_codifier is False
    council.refresh_from_db()
    assert council.unit == hromada
    # The dropped units that no council needs are gone; the rest of the oblast is untouched.
    assert not TerritorialUnit.objects.filter(parent=hromada).exists()
    assert not TerritorialUnit.objects.filter(code=dropped_village).exists()
    assert TerritorialUnit.objects.filter(in_codifier=True).count() == len(rows)
    assert "хоч їх уже немає в кодифікаторі: 1" in capsys.readouterr().out

    # The next edition lists it again: it is back in the codifier, not duplicated.
    call_command("import_katottg")
    hromada.refresh_from_db()
    assert hromada.in_codifier is True
    assert TerritorialUnit.objects.count() == 1824


def official_workbook(path, rows):
    """A workbook laid out as the Ministry publishes the codifier."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Кодифікатор"
    sheet.append([None, None, None, None, None, "ЗАТВЕРДЖЕНО\nнаказом Міністерства … № 290"])
    sheet.append([])
    sheet.append(["Кодифікатор адміністративно-територіальних одиниць та територій громад"])
    sheet.append(
        [
            "Перший рівень",
            "Другий рівень",
            "Третій рівень",
            "Четвертий рівень",
            "Додатковий рівень",
            "Категорія об’єкта",
            "Назва об’єкта",
        ]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_an_official_xlsx_is_read_and_filtered_to_the_oblast(tmp_path):
    path = tmp_path / "kodifikator.xlsx"
    official_workbook(
        path,
        [
            ["UA05000000000010236", None, None, None, None, "O", "Вінницька"],
            [OBLAST, None, None, None, None, "O", "Харківська"],
            [OBLAST, BOHODUKHIV_RAION, None, None, None, "P", "Богодухівський"],
            # the official file has trailing spaces in some names
            [OBLAST, BOHODUKHIV_RAION, BOHODUKHIV_HROMADA, None, None, "H", "Богодухівська "],
            [OBLAST, BOHODUKHIV_RAION, BOHODUKHIV_HROMADA, BOHODUKHIV_CITY, None, "M", "Богодухів"],
            [],
            # Kyiv's category K is outside the oblast and must not stop the import
            ["UA80000000000093317", None, None, None, None, "K", "Київ"],
        ],
    )
    call_command("import_katottg", str(path))
    assert sorted(TerritorialUnit.objects.values_list("code", "category", "name_uk")) == [
        (OBLAST, "O", "Харківська"),
        (BOHODUKHIV_RAION, "P", "Богодухівський"),
        (BOHODUKHIV_HROMADA, "H", "Богодухівська"),
        (BOHODUKHIV_CITY, "M", "Богодухів"),
    ]
    assert TerritorialUnit.objects.get(code=BOHODUKHIV_CITY).parent.code == BOHODUKHIV_HROMADA


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.txt", "x", "Вкажіть файл .csv або .xlsx"),
        ("units.csv", "code,name\nUA63,x\n", "бракує стовпців"),
        (
            "units.csv",
            "level1,level2,level3,level4,extra,category,name\nUA63000,,,,,O,Харківська\n",
            "не код КАТОТТГ",
        ),
        (
            "units.csv",
            "level1,level2,level3,level4,extra,category,name\n"
            f"{OBLAST},{BOHODUKHIV_RAION},,,,P,Богодухівський\n",
            "немає у файлі",
        ),
        ("units.xlsx", "not a workbook", "Не вдається відкрити книгу"),
    ],
)
def test_a_file_the_import_cannot_read_is_a_clear_error_and_changes_nothing(
    tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_katottg", str(path))
    assert not TerritorialUnit.objects.exists()


@pytest.mark.parametrize(
    ("hromada", "settlements", "expected"),
    [
        ("Богодухівська", [("Богодухів", "M"), ("Гути", "X"), ("Бабаки", "C")], "city"),
        ("Малоданилівська", [("Мала Данилівка", "X"), ("Лісне", "X")], "settlement"),
        ("Куньєвська", [("Куньє", "C"), ("Козютівка", "C")], "village"),
        # Борівська Андріївка shares the beginning but is not the centre: Борова is
        ("Борівська", [("Борівська Андріївка", "C"), ("Борова", "X")], "settlement"),
        # a village and a settlement of the same name: the settlement is the centre
        ("Шевченківська", [("Шевченкове", "C"), ("Шевченкове", "X")], "settlement"),
        # a hromada named after no settlement: staff decide
        ("Південна", [("Покотилівка", "X"), ("Буди", "X")], ""),
    ],
)
def test_the_hromada_type_follows_from_its_administrative_centre(hromada, settlements, expected):
    assert hromada_type_from_centre(hromada, settlements) == expected


def test_a_new_hromada_council_gets_its_type_from_the_codifier():
    call_command("import_katottg")
    council = Council.objects.create(
        unit=TerritorialUnit.objects.get(code="UA63120150000086206"),  # Мереф’янська ← Мерефа
        kind="hromada",
        name="Мереф’янська міська рада",
        slug="merefa",
    )
    assert council.hromada_type == Council.HromadaType.CITY
    assert council.kind_label == "міська рада"
