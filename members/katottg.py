"""Reading the official KATOTTG codifier and loading it into TerritorialUnit.

Two layouts are read: the CSV extract shipped in members/data/ (columns level1..level4, extra,
category, name) and the official .xlsx as the Ministry publishes it (a title block, then a
header row "Перший рівень … Назва об’єкта"). Either is filtered to one oblast code.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from translitua import translit

from core import cache
from members.models import Council, TerritorialUnit

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = DATA_DIR / "katottg-ua63.csv"
ENGLISH_NAMES_FILE = DATA_DIR / "hromada-names-en.csv"
DEFAULT_OBLAST = "UA63"

CODE = re.compile(r"^UA\d{17}$")
# How deep each category sits: parents are always loaded before their children.
DEPTH = {"O": 1, "P": 2, "H": 3, "M": 4, "X": 4, "T": 4, "C": 4, "B": 5}
CSV_COLUMNS = ("level1", "level2", "level3", "level4", "extra")
XLSX_COLUMNS = (
    "перший рівень",
    "другий рівень",
    "третій рівень",
    "четвертий рівень",
    "додатковий рівень",
)
XLSX_CATEGORY = "категорія об’єкта"
XLSX_NAME = "назва об’єкта"


class CodifierError(Exception):
    """The file is not a codifier this import can read; the message says where and why."""


@dataclass(frozen=True)
class Row:
    code: str
    parent_code: str | None
    category: str
    name: str

    @property
    def depth(self):
        return DEPTH[self.category]


@dataclass(frozen=True)
class ImportResult:
    total: int
    added: int
    updated: int
    retired: int
    removed: int


def _header(value):
    return " ".join(str(value or "").replace("'", "’").split()).lower()


def _row(levels, category, name, where):
    codes = [str(level).strip() for level in levels if level and str(level).strip()]
    category = str(category or "").strip()
    name = " ".join(str(name or "").split())
    if not codes or not name:
        raise CodifierError(_("%(where)s: a code and a name are required.") % {"where": where})
    for code in codes:
        if not CODE.match(code):
            raise CodifierError(
                _("%(where)s: “%(code)s” is not a KATOTTG code.") % {"where": where, "code": code}
            )
    if category not in DEPTH:
        raise CodifierError(
            _("%(where)s: unknown category “%(category)s”.")
            % {"where": where, "category": category}
        )
    return Row(codes[-1], codes[-2] if len(codes) > 1 else None, category, name)


def read_csv(path):
    """Raw rows: (level codes, category, name, where in the file)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {*CSV_COLUMNS, "category", "name"} - set(reader.fieldnames or ())
        if missing:
            raise CodifierError(
                _("The CSV file lacks the columns: %(columns)s.")
                % {"columns": ", ".join(sorted(missing))}
            )
        for number, record in enumerate(reader, start=2):
            yield (
                [record[column] for column in CSV_COLUMNS],
                record["category"],
                record["name"],
                _("line %(number)s") % {"number": number},
            )


def read_xlsx(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not .xlsx
        raise CodifierError(_("Cannot open the workbook: %(error)s") % {"error": error}) from error
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        columns = None
        for number, values in enumerate(rows, start=1):
            if columns is None:
                headers = [_header(value) for value in values]
                if XLSX_COLUMNS[0] in headers:
                    try:
                        columns = [headers.index(h) for h in (*XLSX_COLUMNS, XLSX_CATEGORY)]
                        columns.append(headers.index(XLSX_NAME))
                    except ValueError as error:
                        raise CodifierError(
                            _("Row %(number)s: the header row lacks a column of the codifier.")
                            % {"number": number}
                        ) from error
                continue
            if not any(values):
                continue
            picked = [values[index] if index < len(values) else None for index in columns]
            yield picked[:5], picked[5], picked[6], _("row %(number)s") % {"number": number}
        if columns is None:
            raise CodifierError(_("No header row “Перший рівень … Назва об’єкта” in the workbook."))
    finally:
        workbook.close()


def read_codifier(path, oblast=DEFAULT_OBLAST):
    """The rows of one oblast, checked: unique codes, every parent present."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = read_csv
    elif suffix == ".xlsx":
        reader = read_xlsx
    else:
        raise CodifierError(_("Give a .csv or .xlsx file."))
    try:
        rows = [
            _row(*raw) for raw in reader(path) if str(raw[0][0] or "").strip().startswith(oblast)
        ]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CodifierError(str(error)) from error
    if not rows:
        raise CodifierError(_("No units of %(oblast)s in the file.") % {"oblast": oblast})
    codes = {}
    for row in rows:
        if row.code in codes:
            raise CodifierError(_("The code %(code)s appears twice.") % {"code": row.code})
        codes[row.code] = row
    for row in rows:
        if row.parent_code and row.parent_code not in codes:
            raise CodifierError(
                _("The parent %(parent)s of %(code)s is not in the file.")
                % {"parent": row.parent_code, "code": row.code}
            )
    return rows


def english_names():
    """Official English names of the raions and hromadas (the rest are transliterated)."""
    with open(ENGLISH_NAMES_FILE, encoding="utf-8", newline="") as handle:
        return {record["katottg"]: record["name_en"] for record in csv.DictReader(handle)}


def import_units(rows, oblast=DEFAULT_OBLAST):
    """Add and update the oblast's units; retire those the file no longer lists.

    A unit that is gone from the codifier is deleted unless a council points to it (or to a
    unit under it): such a unit stays, marked as no longer in the codifier. Bulk statements,
    one per level, so the 1,824 rows of an oblast load in well under a second.
    """
    english = english_names()
    fields = ("category", "name_uk", "name_en", "parent_id", "in_codifier")
    added = updated = 0
    with transaction.atomic(), translation.override("uk"):
        existing = {
            values[0]: values[1:]
            for values in TerritorialUnit.objects.filter(code__startswith=oblast).values_list(
                "code", "pk", *fields
            )
        }
        ids = {code: values[0] for code, values in existing.items()}
        for depth in sorted(set(DEPTH.values())):
            batch = []
            for row in rows:
                if row.depth != depth:
                    continue
                name_en = english.get(row.code) or translit(row.name)
                parent_id = ids[row.parent_code] if row.parent_code else None
                wanted = (row.category, row.name, name_en, parent_id, True)
                if row.code in existing:
                    if existing[row.code][1:] == wanted:
                        continue
                    updated += 1
                else:
                    added += 1
                batch.append(
                    TerritorialUnit(
                        code=row.code,
                        name=row.name,
                        **dict(zip(fields, wanted, strict=True)),
                    )
                )
            saved = TerritorialUnit.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", *fields],
            )
            ids.update((unit.code, unit.pk) for unit in saved)

        listed = {row.code for row in rows}
        gone = {existing[code][0]: code for code in existing if code not in listed}
        retired = removed = 0
        if gone:
            parent_of = dict(
                TerritorialUnit.objects.filter(code__startswith=oblast).values_list(
                    "pk", "parent_id"
                )
            )
            kept = set()
            for unit_id in Council.objects.filter(unit_id__in=parent_of).values_list(
                "unit_id", flat=True
            ):
                while unit_id is not None:
                    if unit_id in gone:
                        kept.add(unit_id)
                    unit_id = parent_of.get(unit_id)
            retired = TerritorialUnit.objects.filter(pk__in=kept, in_codifier=True).update(
                in_codifier=False
            )
            doomed = [pk for pk in gone if pk not in kept]
            # Children before parents: the parent link protects a unit that has children.
            for depth in sorted(set(DEPTH.values()), reverse=True):
                categories = [category for category, d in DEPTH.items() if d == depth]
                count, _by_model = TerritorialUnit.objects.filter(
                    pk__in=doomed, category__in=categories
                ).delete()
                removed += count
    if added or updated or retired or removed:
        # Bulk statements send no signals: the pages and the parts read per version that
        # name units (the registry, its map, councils' pages) must change all the same.
        cache.content_changed(TerritorialUnit)
    return ImportResult(len(rows), added, updated, retired, removed)
