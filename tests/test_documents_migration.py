"""Program documents and founding documents move into the library (decision 31): each file a
library document, kept where it is, identical files one document, attached in their order."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from documents.factories import pdf_text_bytes
from documents.legacy import kind_for
from programs.factories import xlsx_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("programs", "0008_application_decision"),
    ("members", "0003_council_emblem_renditions_and_slug"),
    ("documents", "0002_other_kind_and_legacy_file_types"),
]


def stored(name, content):
    return default_storage.save(name, ContentFile(content))


def make_old_rows(apps):
    Program = apps.get_model("programs", "Program")
    ProgramDocument = apps.get_model("programs", "Document")
    FoundingDocument = apps.get_model("members", "FoundingDocument")
    Document = apps.get_model("documents", "Document")
    published_at = timezone.now() - timedelta(days=3)
    spaces = Program.objects.create(
        title="Простори", title_uk="Простори", slug="prostory", status="published",
        publish_at=published_at,
    )  # fmt: skip
    draft = Program.objects.create(title="Чернетка", title_uk="Чернетка", slug="chernetka")
    regulations = pdf_text_bytes(["Regulations of the program"])
    names = {
        "form": stored("programs/documents/2020/forma.xlsx", xlsx_bytes()),
        "regulations": stored("programs/documents/2020/polozhennia.pdf", regulations),
        "copy": stored("programs/documents/2021/polozhennia-kopiia.pdf", regulations),
        "statute": stored("members/documents/statut.pdf", pdf_text_bytes(["Statute"])),
        "agreement": stored(
            "members/documents/dohovir.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
        ),
    }
    ProgramDocument.objects.create(
        program=spaces, order=1, title="Форма заявки", title_uk="Форма заявки",
        title_en="Application form", file=names["form"], file_type="xlsx", file_size=1,
    )  # fmt: skip
    ProgramDocument.objects.create(
        program=spaces, order=0, title="Положення", title_uk="Положення",
        title_en="Regulations", file=names["regulations"], file_type="pdf", file_size=1,
    )  # fmt: skip
    ProgramDocument.objects.create(
        program=draft, order=0, title="Положення", title_uk="Положення (копія)",
        file=names["copy"], file_type="pdf", file_size=1,
    )  # fmt: skip
    FoundingDocument.objects.create(
        title="Статут", title_uk="Статут", title_en="Statute", file=names["statute"],
        adopted_on=date(2021, 2, 1), position=0,
    )  # fmt: skip
    FoundingDocument.objects.create(
        title="Установчий договір", title_uk="Установчий договір", file=names["agreement"],
        position=1,
    )  # fmt: skip
    # The statute is in the library already, uploaded there by staff.
    library_statute = Document.objects.create(
        title="Статут асоціації", title_uk="Статут асоціації", slug="statut-asotsiatsii",
        kind="statute", status="published", publish_at=published_at,
        file=stored("documents/2024/statut.pdf", pdf_text_bytes(["Statute"])),
        file_type="pdf", file_size=1,
    )  # fmt: skip
    return spaces, draft, library_statute, names


def attached(apps, app_label, model, pk):
    Attachment = apps.get_model("documents", "Attachment")
    return list(
        Attachment.objects.filter(
            content_type__app_label=app_label, content_type__model=model, object_id=pk
        )
        .order_by("position", "pk")
        .select_related("document")
    )


def test_the_old_documents_become_library_documents_in_their_order():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        spaces, draft, library_statute, names = make_old_rows(old_apps)

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        apps = executor.loader.project_state(latest).apps
        Document = apps.get_model("documents", "Document")
        Association = apps.get_model("members", "Association")

        regulations, form = [
            row.document for row in attached(apps, "programs", "program", spaces.pk)
        ]
        assert [regulations.title_uk, form.title_uk] == ["Положення", "Форма заявки"]
        assert [regulations.title_en, form.title_en] == ["Regulations", "Application form"]
        assert (regulations.file.name, form.file.name) == (names["regulations"], names["form"])
        assert (regulations.kind, form.kind) == ("other", "form")
        assert (regulations.file_type, form.file_type) == ("pdf", "xlsx")
        assert form.file_size == default_storage.size(names["form"])
        assert "Regulations of the program" in regulations.text
        assert regulations.status == form.status == "published"
        assert regulations.publish_at == spaces.publish_at
        assert regulations.slug == "polozhennia" and form.slug == "forma-zaiavky"
        # The draft program's copy of the regulations is the same file: the same document.
        assert [row.document for row in attached(apps, "programs", "program", draft.pk)] == [
            regulations
        ]

        association = Association.objects.get()
        assert association.name_uk == "Асоціація місцевих рад Харківщини"
        statute, agreement = [
            row.document for row in attached(apps, "members", "association", association.pk)
        ]
        assert statute.pk == library_statute.pk  # identical to a file of the library: reused
        assert (agreement.title_uk, agreement.kind, agreement.file_type) == (
            "Установчий договір",
            "other",
            "doc",
        )
        assert agreement.file.name == names["agreement"]
        assert agreement.status == "published"
        assert Document.objects.count() == 4

        # And back: the former models again, with their rows and files.
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        ProgramDocument = old_apps.get_model("programs", "Document")
        assert list(
            ProgramDocument.objects.filter(program_id=spaces.pk).values_list("title_uk", "file")
        ) == [("Положення", names["regulations"]), ("Форма заявки", names["form"])]
        FoundingDocument = old_apps.get_model("members", "FoundingDocument")
        assert list(FoundingDocument.objects.values_list("title_uk", flat=True)) == [
            "Установчий договір"
        ]  # the statute was the library's own file, attached: it stays in the library
    finally:
        MigrationExecutor(connection).migrate(latest)


@pytest.mark.parametrize(
    ("titles", "kind"),
    [
        (("Статут асоціації", ""), "statute"),
        (("Методичні рекомендації", ""), "methodical"),
        (("Типове рішення ради", ""), "model-decision"),
        (("Звіт за 2024 рік", ""), "report"),
        (("Презентація програми", ""), "presentation"),
        (("Форма заявки", ""), "form"),
        (("Бланк", "Application form"), "form"),
        (("Інформація про програму", ""), "other"),  # "інформація" holds "форма", not the word
        (("Положення про програму", "Program regulations"), "other"),
    ],
)
def test_the_kind_comes_from_the_title(titles, kind):
    assert kind_for(*titles) == kind
