"""The open dataset of member councils: one field list makes the exports, the structure
files and the passport page, so they cannot disagree.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.models import Council


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: object  # lazy gettext: English source, Ukrainian in the catalogue
    value: object  # council -> value

    def description_in(self, language):
        with translation.override(language):
            return str(self.description)


def _date(value):
    return value.isoformat() if value else None


def _decimal(value):
    return float(value) if value is not None else None


def _raion(council):
    return council.raion


FIELDS = (
    Field(
        "katottg",
        "string",
        _("KATOTTG code of the council's territorial unit"),
        lambda c: c.unit.code,
    ),
    Field("name_uk", "string", _("Official name of the council in Ukrainian"), lambda c: c.name_uk),
    Field("name_en", "string", _("Name of the council in English"), lambda c: c.name_en or ""),
    Field("kind", "string", _("Kind of council: hromada, raion or oblast"), lambda c: c.kind),
    Field(
        "hromada_type",
        "string",
        _("For a hromada council: city, settlement or village; empty otherwise"),
        lambda c: c.hromada_type,
    ),
    Field(
        "unit_name_uk",
        "string",
        _("Name of the territorial unit in the codifier"),
        lambda c: c.unit.name_uk,
    ),
    Field(
        "raion_katottg",
        "string",
        _("KATOTTG code of the raion (empty for the oblast council)"),
        lambda c: _raion(c).code if _raion(c) else "",
    ),
    Field(
        "raion_name_uk",
        "string",
        _("Name of the raion in Ukrainian"),
        lambda c: _raion(c).name_uk if _raion(c) else "",
    ),
    Field(
        "raion_name_en",
        "string",
        _("Name of the raion in English"),
        lambda c: (_raion(c).name_en or "") if _raion(c) else "",
    ),
    Field(
        "status", "string", _("Membership status: member, former or not_member"), lambda c: c.status
    ),
    Field(
        "member_since",
        "date",
        _("Date the council joined the association (YYYY-MM-DD)"),
        lambda c: _date(c.member_since),
    ),
    Field(
        "head_name", "string", _("Name of the head of the council"), lambda c: c.head_name_uk or ""
    ),
    Field(
        "head_title",
        "string",
        _("Title of the head of the council"),
        lambda c: c.head_title_uk or "",
    ),
    Field(
        "head_elected_on",
        "date",
        _("Date the head was elected (YYYY-MM-DD)"),
        lambda c: _date(c.head_elected_on),
    ),
    Field("address", "string", _("Postal address of the council"), lambda c: c.address_uk or ""),
    Field("phone", "string", _("Phone number in international format"), lambda c: c.phone),
    Field("email", "string", _("E-mail address of the council"), lambda c: c.email),
    Field("website", "string", _("Website of the council"), lambda c: c.website),
    Field("population", "integer", _("Population of the territory"), lambda c: c.population),
    Field("area_km2", "number", _("Area of the territory, km²"), lambda c: _decimal(c.area_km2)),
    Field(
        "figures_year",
        "integer",
        _("Year of the population and area figures"),
        lambda c: c.figures_year,
    ),
    Field(
        "url",
        "string",
        _("Address of the council's page on this site"),
        lambda c: c.get_absolute_url(),
    ),
)


def councils():
    """Exactly the councils the registry lists: the members, in Ukrainian order."""
    with translation.override("uk"):
        return list(Council.objects.members().for_listing().by_name())


def records(request):
    result = []
    for council in councils():
        record = {field.name: field.value(council) for field in FIELDS}
        record["url"] = request.build_absolute_uri(record["url"])
        result.append(record)
    return result


def as_csv(rows):
    """CSV with a byte order mark, so Excel opens the Ukrainian text as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[field.name for field in FIELDS])
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def structure():
    """The structure file: every field with its type and a description in both languages."""
    return [
        {
            "name": field.name,
            "type": field.type,
            "description_uk": field.description_in("uk"),
            "description_en": field.description_in("en"),
        }
        for field in FIELDS
    ]


def structure_as_csv():
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=["name", "type", "description_uk", "description_en"])
    writer.writeheader()
    writer.writerows(structure())
    return buffer.getvalue()
