"""The documents library: uploads checked by content (each refused kind), the real type and
size, the listing's filters and order, the download, and the text in the site search."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.factories import (
    DocumentFactory,
    TopicFactory,
    docx_bytes,
    odt_bytes,
    pdf_text_bytes,
)
from documents.models import Attachment, Document, attached_documents
from documents.validators import validate_document_file
from pages.factories import PageFactory
from programs.factories import pdf_bytes, xlsx_bytes
from search.query import search
from tests.helpers import site_queries

pytestmark = pytest.mark.django_db


def refusal(name, content):
    with pytest.raises(ValidationError) as caught:
        validate_document_file(SimpleUploadedFile(name, content))
    return caught.value


def with_part(document_bytes, name, content=b"x"):
    """The archive with one more part (a macro project, a script folder...)."""
    buffer = io.BytesIO(document_bytes)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statut.pdf", pdf_text_bytes()),
        ("statut.docx", docx_bytes()),
        ("zvit.xlsx", xlsx_bytes()),
        ("rishennia.odt", odt_bytes()),
    ],
)
def test_the_four_formats_are_accepted(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        (
            "statut.docm",
            with_part(docx_bytes(), "word/vbaProject.bin"),
            "wrong_extension",
            "DOCX",
        ),
        ("statut.docx", with_part(docx_bytes(), "word/vbaProject.bin"), "macros", "макроси"),
        (
            "zvit.xlsx",
            with_part(xlsx_bytes(), "xl/vbaProject.bin"),
            "macros",
            "макроси",
        ),
        (
            "rishennia.odt",
            with_part(odt_bytes(), "Basic/Standard/Module1.xml"),
            "macros",
            "макроси",
        ),
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "markup", "HTML"),
        ("statut.pdf", b"<html><body>not a pdf</body></html>", "markup", "HTML"),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "markup",
            "SVG",
        ),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 200, "wrong_type", "PDF, DOCX, XLSX"),
        ("statut.pdf", docx_bytes(), "wrong_extension", ".pdf"),
        ("damaged.pdf", b"%PDF-1.4\n%%EOF\n", "unreadable", "пошкоджений"),
    ],
)
def test_each_refused_kind_gets_its_own_clear_ukrainian_message(name, content, code, words):
    error = refusal(name, content)
    assert error.code == code
    assert words in " ".join(error.messages)


def test_the_size_limit_comes_from_the_settings(settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    error = refusal("statut.docx", docx_bytes())
    assert error.code == "too_large"
    assert "1000" in error.messages[0] or "КБ" in error.messages[0]


def test_a_refused_upload_in_admin_stores_nothing(admin_client, settings, tmp_path):
    response = admin_client.post(
        "/admin/documents/document/add/",
        {
            "title_uk": "Статут",
            "kind": "statute",
            "language": "uk",
            "status": "draft",
            "file": SimpleUploadedFile(
                "statut.docx", with_part(docx_bytes(), "word/vbaProject.bin")
            ),
        },
    )
    assert response.status_code == 200
    assert "макроси" in response.content.decode()
    assert not Document.objects.exists()
    assert not list((tmp_path).rglob("*.docx")) and not list(
        __import__("pathlib").Path(settings.MEDIA_ROOT).rglob("*.docx")
    )


def test_type_size_and_format_are_read_from_the_file():
    content = pdf_text_bytes(["Statute"] * 40)
    document = DocumentFactory(file=ContentFile(content, name="statut.pdf"))
    assert (document.file_type, document.file_size) == ("pdf", len(content))
    assert document.format_and_size.startswith("PDF, ")
    assert re.fullmatch(r"PDF, \d+,\d\xa0\w+", document.format_and_size)


def test_text_from_pdf_and_docx_goes_into_search_and_a_scan_is_found_by_title():
    statute = DocumentFactory(
        title_uk="Установчий документ",
        description_uk="",
        file=ContentFile(docx_bytes(["Статут асоціації громад Харківщини"]), name="s.docx"),
    )
    guide = DocumentFactory(
        title_uk="Методичка",
        description_uk="",
        file=ContentFile(pdf_text_bytes(["Spatial planning recommendations"]), name="m.pdf"),
    )
    scan = DocumentFactory(
        title_uk="Протокол засідання правління",
        description_uk="Сканована копія протоколу.",
        file=ContentFile(pdf_bytes(["scanned page"]), name="scan.pdf"),
    )
    assert scan.text == ""  # an image of a page has no text layer

    def found(query):
        results = search(query, language="uk")
        return [hit.url for hit in results.page.object_list] if results.page else []

    assert found("статут") == [statute.get_absolute_url()]
    assert found("planning") == [guide.get_absolute_url()]
    assert found("протоколи") == [scan.get_absolute_url()]
    assert found("сканована копія") == [scan.get_absolute_url()]


def test_a_draft_document_is_not_listed_searched_or_shown(client):
    draft = DocumentFactory(title_uk="Чернетка статуту", status=Document.Status.DRAFT)
    assert "Чернетка статуту" not in client.get("/documents/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert search("чернетка", language="uk").total == 0


def test_the_list_filters_by_kind_topic_and_year_in_ukrainian_order(client):
    planning = TopicFactory(name_uk="Планування", slug="planuvannia")
    DocumentFactory(title_uk="Єдиний звіт", kind="report", issued_on=date(2024, 3, 1))
    DocumentFactory(title_uk="Бюджетний звіт", kind="report", issued_on=date(2023, 3, 1))
    DocumentFactory(
        title_uk="Гід", kind="methodical", issued_on=date(2024, 5, 1), topics=[planning]
    )
    DocumentFactory(title_uk="Ґанок і доступність", kind="methodical", issued_on=date(2024, 6, 1))

    def listed(query=""):
        html = client.get("/documents/" + query).content.decode()
        return [
            title
            for title in ["Бюджетний звіт", "Гід", "Ґанок і доступність", "Єдиний звіт"]
            if title in html
        ], html

    everything, html = listed()
    assert everything == ["Бюджетний звіт", "Гід", "Ґанок і доступність", "Єдиний звіт"]
    order = [html.index(title) for title in everything]
    assert order == sorted(order)  # Ґ after Г, Є after Е: the Ukrainian alphabet
    assert listed("?kind=report")[0] == ["Бюджетний звіт", "Єдиний звіт"]
    assert listed("?topic=planuvannia")[0] == ["Гід"]
    assert listed("?year=2024&kind=methodical")[0] == ["Гід", "Ґанок і доступність"]
    for bad in ["?kind=poem", "?topic=nothing", "?year=1990", "?year=abc"]:
        assert client.get("/documents/" + bad).status_code == 404


def test_the_detail_page_offers_the_file_with_its_format_and_size(client):
    document = DocumentFactory(title_uk="Статут", number="12", issued_on=date(2021, 3, 1))
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{document.file.url}" download' in html
    assert "DOCX, " in html and "12" in html and "1 березня 2021" in html


def test_the_file_is_served_with_its_real_type_as_an_attachment(client, settings):
    settings.SERVE_MEDIA = True
    document = DocumentFactory(file=ContentFile(pdf_text_bytes(), name="statut.pdf"))
    response = client.get(document.file.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_attach_to_any_content_in_their_order():
    page = PageFactory()
    second, first, draft = (
        DocumentFactory(),
        DocumentFactory(),
        DocumentFactory(status=Document.Status.DRAFT),
    )
    for position, document in enumerate([first, second, draft]):
        Attachment.objects.create(content_object=page, document=document, position=position)
    assert attached_documents(page) == [first, second]


def test_the_list_costs_the_same_queries_however_many_documents(client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/documents/").status_code == 200
        return len(site_queries(captured))

    DocumentFactory(topics=[TopicFactory()])
    few = count()
    for _number in range(15):
        DocumentFactory(topics=[TopicFactory()])
    assert few == count() <= 10


def test_a_library_document_attached_to_the_association_shows_on_its_page(client):
    from members.models import Association

    association = Association.objects.create(name_uk="Асоціація громад")
    document = DocumentFactory(title_uk="Звіт правління асоціації")
    Attachment.objects.create(content_object=association, document=document)
    html = client.get("/members/association/").content.decode()
    assert "Звіт правління асоціації" in html
    assert "DOCX, " in html
