"""Demo documents of the library. None is a real document of the Centre: every title is
marked as a demo example, and each file says so in its text."""

from datetime import date

from django.core.files.base import ContentFile

from demomarks.models import DemoFact
from documents.factories import docx_bytes, odt_bytes, pdf_text_bytes
from documents.models import Document, Topic

TOPICS = [
    ("statutni-dokumenty", "Статутні документи", "Statutory documents"),
    ("prostorove-planuvannia", "Просторове планування", "Spatial planning"),
    ("zvitnist", "Звітність", "Reporting"),
]

NOTE_UK = "Демонстраційний документ: не є документом Центру чи Асоціації."

DOCUMENTS = [
    {
        "slug": "statut-demo",
        "title_uk": "Статут асоціації органів місцевого самоврядування",
        "title_en": "Statute of the association of local self-government bodies",
        "description_uk": "Приклад статуту для показу бібліотеки документів.",
        "description_en": "An example of a statute, to show the documents library.",
        "kind": Document.Kind.STATUTE,
        "number": "1",
        "issued_on": date(2021, 3, 1),
        "topics": ["statutni-dokumenty"],
        "file": (
            "statut.docx",
            lambda: docx_bytes(
                [
                    "Статут асоціації органів місцевого самоврядування",
                    NOTE_UK,
                    "Розділ 1. Загальні положення статуту.",
                ]
            ),
        ),
    },
    {
        "slug": "metodychni-rekomendatsii-demo",
        "title_uk": "Методичні рекомендації з просторового планування громад",
        "title_en": "Methodical recommendations on the spatial planning of hromadas",
        "description_uk": "Приклад методичних рекомендацій у форматі PDF.",
        "description_en": "An example of methodical recommendations in PDF.",
        "kind": Document.Kind.METHODICAL,
        "issued_on": date(2023, 9, 15),
        "topics": ["prostorove-planuvannia"],
        "file": (
            "rekomendatsii.pdf",
            lambda: pdf_text_bytes(
                ["Spatial planning of hromadas: methodical recommendations", "Demo example"]
            ),
        ),
    },
    {
        "slug": "typove-rishennia-demo",
        "title_uk": "Типове рішення ради про співробітництво громад",
        "title_en": "Model council decision on the cooperation of hromadas",
        "description_uk": "Приклад типового рішення у форматі ODT.",
        "description_en": "An example of a model decision in ODT.",
        "kind": Document.Kind.MODEL_DECISION,
        "issued_on": date(2024, 2, 20),
        "topics": ["prostorove-planuvannia"],
        "file": ("typove-rishennia.odt", lambda: odt_bytes("Типове рішення. " + NOTE_UK)),
    },
    {
        "slug": "zvit-2024-demo",
        "title_uk": "Звіт про діяльність Центру за 2024 рік",
        "title_en": "Report on the Centre's work in 2024",
        "description_uk": "Приклад звіту у форматі DOCX.",
        "description_en": "An example of a report in DOCX.",
        "kind": Document.Kind.REPORT,
        "issued_on": date(2025, 1, 31),
        "topics": ["zvitnist"],
        "file": ("zvit-2024.docx", lambda: docx_bytes(["Звіт про діяльність", NOTE_UK])),
    },
]


def load(command, **options):
    topics = {}
    for slug, name_uk, name_en in TOPICS:
        topics[slug], _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name_uk": name_uk, "name_en": name_en}
        )
    for data in DOCUMENTS:
        data = dict(data)
        topic_slugs = data.pop("topics")
        filename, content = data.pop("file")
        if Document.objects.filter(slug=data["slug"]).exists():
            continue
        document = Document(**data, status=Document.Status.PUBLISHED)
        document.file = ContentFile(content(), name=filename)
        document.save()
        document.topics.set(topics[slug] for slug in topic_slugs)
        DemoFact.objects.mark(document, "title")
        command.stdout.write(f"  document {document.slug}: created")
