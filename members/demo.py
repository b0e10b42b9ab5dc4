"""Demo content of this app, from the Centre's own texts (shared/seed) and the shipped data.

The seed says that 62 of the oblast's 64 councils are members: 54 hromada councils, 7 raion
councils and the oblast council. It does not say which two hromada councils are not, so the demo
takes the last two hromadas in codifier order, marks their status as a demo example (on their
pages and the map legend) and the registry says plainly (in a note staff can edit) that the
demo's list of members is illustrative. The figures are never typed into the association's
texts: its page shows the registry's live figures. Heads are left empty: the demo never names
real people.
"""

import json

from django.utils import translation
from django.utils.text import slugify

from demomarks.models import DemoFact
from documents.models import Attachment, Document
from members.katottg import (
    DEFAULT_FILE,
    DEFAULT_OBLAST,
    import_units,
    read_codifier,
)
from members.maps import BOUNDARIES_FILE
from members.models import Association, Council, TerritorialUnit

NOT_MEMBERS = 2
HROMADA_TYPE_WORDS = {
    "city": ("міська", "City"),
    "settlement": ("селищна", "Settlement"),
    "village": ("сільська", "Village"),
}

# The figures (62 councils, 97 %) are not typed here: the page shows the registry's live ones.
ASSOCIATION = {
    "lead_uk": (
        "В Асоціації об’єдналися сільські, селищні, міські ради, районні ради та обласна рада "
        "Харківщини."
    ),
    "lead_en": (
        "Village, settlement and city councils, raion councils and the oblast council of "
        "Kharkiv oblast have joined the association."
    ),
    "body_uk": (
        "<p>За результатами виборів 25 жовтня 2020 року в області обрано 56 голів сільських, "
        "селищних, міських громад та місцевих рад і сформовано склад 7 нових районних рад.</p>"
        "<p>Осередком Асоціації є Центр інформаційно-методичної і правової допомоги та "
        "розвитку громад (Харків, майдан Свободи, 5, Держпром, 6 під’їзд).</p>"
    ),
    "body_en": (
        "<p>At the elections of 25 October 2020 the oblast elected 56 heads of village, "
        "settlement and city hromadas and local councils, and formed 7 new raion councils.</p>"
        "<p>The association is hosted by the Centre for information, methodical and legal "
        "assistance and community development (Kharkiv, 5 Svobody Square, Derzhprom, "
        "entrance 6).</p>"
    ),
    "registry_note_uk": (
        "Це демонстраційна версія сайту. Відомо, скільки рад входить до Асоціації, але не які "
        "саме громади не є її членами: тут їх обрано умовно, тож перелік членів ілюстративний. "
        "Назви рад складено за кодифікатором, голів не вказано."
    ),
    "registry_note_en": (
        "This is a demo version of the site. We know how many councils belong to the "
        "association but not which hromadas are not members: they are chosen arbitrarily "
        "here, so the list of members is illustrative. The councils' names follow the "
        "codifier; their heads are not given."
    ),
}


def official_hromada_types():
    """Hromada types as their official names give them ('Біляївська сільська громада').

    The codifier's category of the centre gives the type for most hromadas, but not all: the
    official names in the boundaries file decide where they differ, as staff would in admin.
    """
    with open(BOUNDARIES_FILE, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    words = {uk: kind for kind, (uk, _en) in HROMADA_TYPE_WORDS.items()}
    types = {}
    for feature in features:
        properties = feature["properties"]
        for word in properties["name_uk"].split():
            if word in words:
                types[properties["katottg"]] = words[word]
    return types


def _council(unit, kind, name_uk, name_en, **extra):
    council, created = Council.objects.get_or_create(
        unit=unit,
        defaults={
            "kind": kind,
            "name_uk": name_uk,
            "name_en": name_en,
            "slug": slugify(name_en),
            **extra,
        },
    )
    if council.status == Council.Status.NOT_MEMBER:
        # The seed gives the count of members, not which councils are not: a demo choice.
        DemoFact.objects.mark(council, "status")
    return created


def load(command, **options):
    result = import_units(read_codifier(DEFAULT_FILE))
    command.stdout.write(
        f"  KATOTTG: {result.total} units, {result.added} added, {result.updated} updated"
    )
    units = TerritorialUnit.objects.current().filter(code__startswith=DEFAULT_OBLAST)
    created = 0
    oblast = units.get(category=TerritorialUnit.Category.OBLAST)
    created += _council(
        oblast, Council.Kind.OBLAST, "Харківська обласна рада", "Kharkiv Oblast Council"
    )
    for raion in units.filter(category=TerritorialUnit.Category.RAION):
        created += _council(
            raion,
            Council.Kind.RAION,
            f"{raion.name_uk.removesuffix('ий')}а районна рада",
            f"{raion.name_en} Raion Council",
        )
    hromadas = list(units.filter(category=TerritorialUnit.Category.HROMADA).order_by("code"))
    not_members = {hromada.pk for hromada in hromadas[-NOT_MEMBERS:]}
    types = official_hromada_types()
    for hromada in hromadas:
        hromada_type = types.get(hromada.code) or hromada.hromada_type()
        word_uk, word_en = HROMADA_TYPE_WORDS.get(hromada_type, ("", ""))
        created += _council(
            hromada,
            Council.Kind.HROMADA,
            " ".join(filter(None, [hromada.name_uk, word_uk, "рада"])),
            " ".join(filter(None, [hromada.name_en, word_en, "Council"])),
            hromada_type=hromada_type,
            status=(
                Council.Status.NOT_MEMBER if hromada.pk in not_members else Council.Status.MEMBER
            ),
        )
    if created:
        command.stdout.write(f"  councils: {created} created")
    if Association.objects.current() is None:
        names = {}
        for language in ("uk", "en"):
            with translation.override(language):
                names[f"name_{language}"] = str(Association.DEFAULT_NAME)
        association = Association.objects.create(**names, **ASSOCIATION)
        # The library's example statute (documents/demo.py, marked as a demo example there),
        # to show the association page's documents; the Association's real statute is not
        # in the seed.
        statute = Document.objects.filter(slug="statut-demo").first()
        if statute is not None:
            Attachment.objects.create(content_object=association, document=statute)
        command.stdout.write("  association page: created")
