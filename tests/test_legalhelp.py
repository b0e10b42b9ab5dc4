"""The knowledge base of legal answers and the consultation desk (legalhelp)."""

import datetime
import io
import json
import re
import time

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import retention, roles
from core.plugins import dashboard_panels
from documents.factories import DocumentFactory as LibraryDocumentFactory
from documents.models import Attachment
from legalhelp import reads
from legalhelp.actnumbers import number_key, spellings
from legalhelp.anonymise import draft_from_request, leftovers
from legalhelp.emails import request_from_token, send_pending_emails, status_path
from legalhelp.factories import (
    ConsultationFactory,
    LegalActFactory,
    RequestFactory,
    TopicFactory,
)
from legalhelp.forms import AskForm
from legalhelp.models import Consultation, ConsultationRequest, LegalAct, RequestAttachment
from programs.factories import pdf_bytes
from search.query import search
from submissions import tokens
from tests.helpers import read_site_parts, site_queries
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

QUESTION = (
    "Як сільській раді оформити договір про співробітництво з двома сусідніми громадами, "
    "якщо одна з них ще не ухвалила рішення?"
)


# A mail server that is down.
FAILING_BACKEND = "tests.test_programs_applications.FailingBackend"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def law():
    return LegalActFactory()


@pytest.fixture
def cooperation_law():
    return LegalActFactory(
        title_uk="Про співробітництво територіальних громад",
        title_en="On Cooperation of Territorial Communities",
        number="1508-VII",
        adopted_on=datetime.date(2014, 6, 17),
        official_url="https://zakon.rada.gov.ua/laws/show/1508-18",
    )


def png_bytes():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


# --- act numbers: one normaliser ---


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("280/97-ВР", "28097BP"),
        ("280/97-вр", "28097BP"),
        ("280/97ВР", "28097BP"),
        ("280/97 ВР", "28097BP"),
        ("1508-VII", "1508VII"),
        ("1508-VІІ", "1508VII"),  # Cyrillic І
        ("1508VII", "1508VII"),
        ("1508-vii", "1508VII"),
        ("  1508 – VII ", "1508VII"),
    ],
)
def test_every_spelling_of_a_number_has_one_key(typed, key):
    assert number_key(typed) == key


def test_the_spellings_cover_numbers_typed_with_and_without_separators():
    words = spellings("280/97-ВР")
    for word in ["280", "97", "ВР", "28097", "97ВР", "28097ВР", "BP", "97BP"]:
        assert word in words
    assert "VІІ" in spellings("1508-VII")  # the Roman numeral typed in Cyrillic


@pytest.mark.parametrize(
    "query",
    ["280/97-ВР", "280/97-вр", "280/97ВР", "280/97 вр", "28097ВР", "№ 280/97-ВР"],
)
def test_the_site_search_finds_every_consultation_citing_an_act_by_its_number(
    query, law, cooperation_law
):
    citing = [ConsultationFactory(acts=[law]), ConsultationFactory(acts=[cooperation_law, law])]
    ConsultationFactory(acts=[cooperation_law])
    ConsultationFactory(acts=[law], status="draft")
    results = search(query, language="uk", kind="consultation")
    urls = {result.url for result in results.page}
    assert urls == {consultation.get_absolute_url() for consultation in citing}


@pytest.mark.parametrize("query", ["1508-VII", "1508-VІІ", "1508VII", "1508 VII", "1508-vіі"])
def test_a_number_with_a_roman_numeral_is_found_in_either_script(query, law, cooperation_law):
    citing = ConsultationFactory(acts=[cooperation_law])
    ConsultationFactory(acts=[law])
    for language in ("uk", "en"):
        results = search(query, language=language, kind="consultation")
        assert [result.url for result in results.page] == [
            citing.get_absolute_url() if language == "uk" else "/en" + citing.get_absolute_url()
        ], language


def test_a_citation_added_later_makes_the_consultation_found_by_number(law):
    consultation = ConsultationFactory()
    assert not search("280/97-ВР", language="uk").total
    consultation.citations.create(act=law)
    assert search("280/97-ВР", language="uk").total == 1


def test_the_search_for_legal_help_finds_the_answers(law):
    ConsultationFactory(acts=[law])
    assert search("юридична допомога", language="uk").total == 1


def test_acts_are_found_by_number_in_the_database(law):
    assert list(LegalAct.objects.with_number("280/97вр")) == [law]
    consultation = ConsultationFactory(acts=[law])
    assert list(Consultation.objects.citing_number("280-97 ВР")) == [consultation]


# --- keeping answers current ---


def test_an_amended_act_flags_every_published_citing_consultation(client, law, cooperation_law):
    today = timezone.localdate()
    citing = [
        ConsultationFactory(acts=[law], valid_as_of=today - datetime.timedelta(days=40)),
        ConsultationFactory(
            acts=[cooperation_law, law], valid_as_of=today - datetime.timedelta(days=20)
        ),
    ]
    other = ConsultationFactory(
        acts=[cooperation_law], valid_as_of=today - datetime.timedelta(days=40)
    )
    draft = ConsultationFactory(acts=[law], status="draft")
    assert not Consultation.objects.needs_review().exists()
    for consultation in citing:
        assert (
            "Законодавство змінилося"
            not in client.get(consultation.get_absolute_url()).content.decode()
        )

    law.amended_on = today - datetime.timedelta(days=10)
    law.amendment_note_uk = "Нова редакція статті про повноваження."
    law.save()

    assert set(Consultation.objects.needs_review()) == set(citing)
    assert other not in Consultation.objects.needs_review()
    assert draft not in Consultation.objects.needs_review()
    date = law.amended_on.strftime("%d.%m.%Y")
    for consultation in citing:
        html = client.get(consultation.get_absolute_url()).content.decode()
        assert f"Законодавство змінилося {date}; відповідь може бути неактуальною." in html, (
            consultation
        )
    assert "Законодавство змінилося" not in client.get(other.get_absolute_url()).content.decode()
    english = client.get("/en" + citing[0].get_absolute_url()).content.decode()
    assert "The legislation changed on" in english

    # A consultant reviews the first answer and moves its date: its notice and flag go.
    reviewed = citing[0]
    reviewed.valid_as_of = today
    reviewed.save()
    assert list(Consultation.objects.needs_review()) == [citing[1]]
    assert "Законодавство змінилося" not in client.get(reviewed.get_absolute_url()).content.decode()


def test_the_dashboard_lists_consultations_to_review_and_overdue_ones(admin_client, law):
    today = timezone.localdate()
    flagged = ConsultationFactory(acts=[law], title_uk="Чи потрібен конкурс на посаду старости?")
    ConsultationFactory(review_by=today - datetime.timedelta(days=1))
    ConsultationFactory(review_by=today + datetime.timedelta(days=1))
    law.amended_on = today
    law.save()
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Консультації, що потребують перевірки" in html
    assert "Потребує перевірки: Чи потрібен конкурс на посаду старости?" in html
    assert reverse("admin:legalhelp_consultation_change", args=[flagged.pk]) in html
    assert "1 консультація з простроченою датою перевірки" in html
    overdue = admin_client.get(
        reverse("admin:legalhelp_consultation_changelist") + "?review=overdue"
    )
    assert overdue.status_code == 200
    assert overdue.context["cl"].result_count == 1


def test_the_dashboard_panels_need_the_consultants_permissions(rf, django_user_model, law):
    law.amended_on = timezone.localdate()
    law.save()
    ConsultationFactory(acts=[law], valid_as_of=timezone.localdate() - datetime.timedelta(days=3))
    RequestFactory()
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR.name))
    consultant = django_user_model.objects.create_user("lawyer", password="pw", is_staff=True)
    consultant.groups.add(Group.objects.get(name=roles.LEGAL_CONSULTANT.name))
    titles = {}
    for user in (editor, consultant):
        request = rf.get("/admin/")
        request.user = user
        titles[user.username] = [str(panel["title"]) for panel in dashboard_panels(request)]
    assert "Консультації, що потребують перевірки" not in titles["ed"]
    assert "Запити на консультацію" not in titles["ed"]
    assert "Консультації, що потребують перевірки" in titles["lawyer"]
    assert "Запити на консультацію" in titles["lawyer"]


# --- the public pages ---


def test_the_consultation_page_shows_the_date_basis_topics_and_related(
    client, law, cooperation_law
):
    topic = TopicFactory(name_uk="Співробітництво громад")
    related = ConsultationFactory(title_uk="Як розірвати договір про співробітництво?")
    consultation = ConsultationFactory(
        topics=[topic], valid_as_of=datetime.date(2026, 3, 2), for_deputies=True
    )
    consultation.citations.create(act=cooperation_law, article="9", part="1", paragraph="2")
    consultation.citations.create(act=law)
    consultation.related.add(related)
    same_act = ConsultationFactory(acts=[law], title_uk="Хто скликає сесію ради?")
    response = client.get(consultation.get_absolute_url())
    html = response.content.decode()
    assert "Актуально станом на 02.03.2026" in html
    assert (
        f'ст. 9, ч. 1, п. 2, <a href="/help/acts/{cooperation_law.pk}/">Закон України «Про '
        "співробітництво територіальних громад» № 1508-VII від 17.06.2014</a>"
    ) in html
    assert 'href="https://zakon.rada.gov.ua/laws/show/1508-18"' in html
    assert "Співробітництво громад" in html
    assert "Як розірвати договір про співробітництво?" in html
    assert "Хто скликає сесію ради?" in html  # cites the same act
    assert "посадовці, депутати" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == consultation.title
    assert data["mainEntity"][0]["acceptedAnswer"]["text"].startswith("Коротка відповідь")
    assert same_act.get_absolute_url() in client.get(law.get_absolute_url()).content.decode()


def test_drafts_are_seen_by_staff_only(client, admin_client):
    draft = ConsultationFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert admin_client.get(draft.get_absolute_url()).status_code == 200


def test_the_index_shows_topics_with_counts_newest_most_read_and_figures(client, law):
    land = TopicFactory(name_uk="Земля та комунальна власність")
    budget = TopicFactory(name_uk="Бюджет")
    TopicFactory(name_uk="Тема без відповідей")
    read = ConsultationFactory(topics=[land], title_uk="Найчитаніша відповідь")
    ConsultationFactory(topics=[land, budget])
    ConsultationFactory(topics=[land], status="draft")
    Consultation.objects.filter(pk=read.pk).update(read_count=100)
    now = timezone.now()
    for days in (2, 4, 10):
        RequestFactory(
            submitted_at=now - datetime.timedelta(days=days + 1),
            answered_at=now - datetime.timedelta(days=1),
            answer="Відповідь",
        )
    RequestFactory()
    html = client.get("/help/").content.decode()
    assert 'Земля та комунальна власність</a> <span class="help-topics__count">2 відповіді' in html
    assert 'Бюджет</a> <span class="help-topics__count">1 відповідь' in html
    assert "Тема без відповідей" not in html
    most_read = html.split("Найчитаніші")[1]
    assert most_read.index("Найчитаніша відповідь") < most_read.index("</ol>")
    figures = re.sub(r"\s+", " ", html.split('class="figures"')[1].split("</dl>")[0])
    assert f'Надано відповідей у {now.year} році</dt><dd class="figure__number">3<' in figures
    assert 'Медіанний строк відповіді, днів</dt><dd class="figure__number">4,0<' in figures


def test_reads_are_counted_in_memory_and_written_in_one_go(client, django_assert_max_num_queries):
    consultation = ConsultationFactory()
    reads.flush()
    for _ in range(3):
        client.get(consultation.get_absolute_url())
    assert reads.pending() == 3
    consultation.refresh_from_db()
    assert consultation.read_count == 0  # nothing written per request
    assert reads.flush() == 3
    consultation.refresh_from_db()
    assert consultation.read_count == 3


def test_a_topic_page_lists_its_answers_and_has_a_feed(client):
    topic = TopicFactory(name_uk="Бюджет", name_en="Budgets")
    answer = ConsultationFactory(topics=[topic], title_uk="Коли ухвалюють бюджет громади?")
    ConsultationFactory(title_uk="Інша тема")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "1 відповідь на цю тему" in html
    assert "Коли ухвалюють бюджет громади?" in html
    assert "Інша тема" not in html
    feed = feedparser.parse(client.get(reverse("legalhelp:topic-feed", args=[topic.slug])).content)
    assert [entry.title for entry in feed.entries] == ["Коли ухвалюють бюджет громади?"]
    assert feed.entries[0].link.endswith(answer.get_absolute_url())
    english = feedparser.parse(
        client.get("/en" + reverse("legalhelp:topic-feed", args=[topic.slug])).content
    )
    assert english.feed.title == "Legal help: Budgets"


def test_english_lists_leave_out_answers_without_english(client):
    topic = TopicFactory()
    ConsultationFactory(
        topics=[topic], title_uk="Лише українською", title_en="", short_answer_en="", body_en=""
    )
    ConsultationFactory(topics=[topic], title_en="In English too")
    html = client.get("/en/help/").content.decode()
    assert "In English too" in html
    assert "Лише українською" not in html


def test_the_sitemap_lists_the_help_pages(client):
    from tests.helpers import sitemap_xml

    topic = TopicFactory()
    consultation = ConsultationFactory(topics=[topic])
    draft = ConsultationFactory(status="draft")
    xml = sitemap_xml(client)
    for path in ["/help/", "/help/ask/", topic.get_absolute_url(), consultation.get_absolute_url()]:
        assert f"http://testserver{path}<" in xml
    assert draft.get_absolute_url() not in xml


def test_the_old_address_leads_to_the_desk(client):
    response = client.get("/consultations/")
    assert response.status_code == 301
    assert response["Location"] == "/help/ask/"


@pytest.mark.parametrize("path", ["/help/", "topic", "detail", "/help/ask/"])
def test_public_pages_make_a_constant_number_of_queries(
    client, path, law, django_assert_max_num_queries
):
    topic = TopicFactory()
    make_hromadas(2)

    def build():
        consultation = ConsultationFactory(topics=[topic], acts=[law])
        consultation.related.add(ConsultationFactory(topics=[topic], acts=[law]))
        return consultation

    consultation = build()
    url = {"topic": topic.get_absolute_url(), "detail": consultation.get_absolute_url()}.get(
        path, path
    )
    client.get(url)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(5):
        build()
    make_hromadas(10)
    read_site_parts(client, url)  # the new content's version: the site-wide parts read again
    with django_assert_max_num_queries(10) as many:
        client.get(url)
    assert len(site_queries(many.captured_queries)) == len(site_queries(few.captured_queries))


def test_documents_from_the_library_are_listed_on_the_answer(client):
    consultation = ConsultationFactory()
    model_decision = LibraryDocumentFactory(title_uk="Типове рішення про утворення округу")
    draft = LibraryDocumentFactory(title_uk="Чернетка рішення", status="draft")
    for position, document in enumerate([model_decision, draft]):
        Attachment.objects.create(content_object=consultation, document=document, position=position)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Типове рішення про утворення округу" in page
    assert model_decision.file.url in page
    assert "Чернетка рішення" not in page, "a draft document stays off the public page"


# --- the desk ---


def form_token(client, seconds_ago=60):
    session = client.session
    token = tokens.issue(session, AskForm.submission_name, time.time() - seconds_ago)
    session.save()
    return token


def ask_data(client, **changes):
    data = {
        "name": "Олена Петренко",
        "position": "секретар сільської ради",
        "email": "olena@example.org",
        "phone": "050 123 45 67",
        "council": "",
        "council_name": "Вільхівська сільська рада",
        "topic": str(TopicFactory().pk),
        "question": QUESTION,
        "consent": "on",
        "form_token": form_token(client),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_question_is_stored_then_confirmed_with_a_tracking_link(client, settings):
    councils = make_hromadas(2)
    response = client.post(
        "/help/ask/", ask_data(client, council=str(councils[0].pk), council_name="")
    )
    assert response.status_code == 302
    request = ConsultationRequest.objects.get()
    assert request.council == councils[0]
    assert request.phone == "+380501234567"
    assert request.status == ConsultationRequest.Status.NEW
    assert request.confirmation_email_status == ConsultationRequest.EmailStatus.SENT
    confirmation, _staff = mail.outbox
    assert confirmation.to == ["olena@example.org"]
    assert request.number in confirmation.subject
    # the relay: nothing typed reaches the address typed
    for typed in ["Олена", "Петренко", QUESTION[:30], "+380501234567"]:
        assert typed not in confirmation.body
    link = re.search(r"http://\S+", confirmation.body).group(0)
    assert link.startswith(settings.SITE_URL.rstrip("/") + "/help/ask/status/?ref=")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Ваше запитання отримано" in html
    assert request.number in html
    assert page["Cache-Control"] == "private, no-store"
    # The link works without the session, in another browser.
    status = Client().get(link.removeprefix(settings.SITE_URL.rstrip("/")))
    assert status.status_code == 200
    assert "<strong>новий</strong>" in status.content.decode()
    assert "Олена" not in status.content.decode()


def test_a_forged_status_link_is_a_404(client):
    request = RequestFactory()
    path = status_path(request)
    assert client.get(path).status_code == 200
    assert client.get(path[:-2]).status_code == 404
    assert client.get("/help/ask/status/").status_code == 404
    assert client.get("/help/ask/status/?ref=1").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Вкажіть ім’я та прізвище."),
        ({"email": "olena"}, "email", "Введіть адресу електронної пошти у правильному форматі"),
        ({"phone": "12345"}, "phone", "Введіть український номер телефону"),
        ({"council_name": ""}, "council", "Оберіть свою раду зі списку або введіть її назву."),
        ({"council": "999999", "council_name": ""}, "council", "Оберіть раду зі списку."),
        ({"topic": ""}, "topic", "Оберіть тему свого запитання."),
        ({"question": "Коротко?"}, "question", "Напишіть щонайменше 30"),
        ({"question": "\u200b" * 200}, "question", "Напишіть"),
        ({"consent": None}, "consent", "Дайте згоду на обробку персональних даних"),
    ],
)
def test_each_bad_field_gets_a_clear_message_and_nothing_is_stored(client, changes, field, message):
    response = client.post("/help/ask/", ask_data(client, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert ConsultationRequest.objects.count() == 0
    html = response.content.decode()
    assert "У формі є помилки" in html
    if changes.get("question") is None:
        assert QUESTION in html  # what was typed is kept


def test_the_same_question_from_the_same_address_is_stored_once(client):
    first = client.post("/help/ask/", ask_data(client))
    second = client.post(
        "/help/ask/", ask_data(client, name="Олена  Петренко", question=QUESTION.upper())
    )
    assert ConsultationRequest.objects.count() == 1
    refs = [re.search(r"ref=([^&]+)", r["Location"]).group(1) for r in (first, second)]
    assert request_from_token(refs[0]) == request_from_token(refs[1])
    assert len(mail.outbox) == 2  # the repeat sent nothing
    client.post("/help/ask/", ask_data(client, email="another@example.org"))
    assert ConsultationRequest.objects.count() == 2


def test_the_honeypot_and_a_fast_form_store_nothing(client):
    client.post("/help/ask/", ask_data(client, website="http://spam.example"))
    client.post("/help/ask/", ask_data(client, form_token=form_token(client, seconds_ago=1)))
    assert ConsultationRequest.objects.count() == 0


def test_the_rate_limit_stops_a_flood(client, settings):
    settings.LEGALHELP_REQUEST_RATE = "2/h"
    for number in range(2):
        client.post("/help/ask/", ask_data(client, email=f"a{number}@example.org"))
    response = client.post("/help/ask/", ask_data(client, email="a3@example.org"))
    assert response.status_code == 429
    assert "Забагато запитань надіслано з вашої мережі" in response.content.decode()
    assert ConsultationRequest.objects.count() == 2


def test_attachments_are_checked_by_content_and_kept_out_of_public_media(client, settings):
    files = [
        SimpleUploadedFile("rishennia.pdf", pdf_bytes(), "application/pdf"),
        SimpleUploadedFile("foto.png", png_bytes(), "image/png"),
    ]
    response = client.post("/help/ask/", {**ask_data(client), "attachments": files})
    assert response.status_code == 302
    stored = list(RequestAttachment.objects.order_by("pk"))
    assert [(a.file_type, a.file_size > 0) for a in stored] == [("pdf", True), ("png", True)]
    media = str(settings.MEDIA_ROOT)
    assert not stored[0].file.path.startswith(media + "/")
    # and never in the checkout: each test's files in a folder of its own
    assert stored[0].file.path.startswith(str(settings.MEDIA_ROOT.parent / "private") + "/")
    assert client.get("/media/" + stored[0].file.name).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "можна додавати лише документи PDF і DOCX"),
        ("page.pdf", b"%PDF-1.4\n<html><script>x</script></html>", "як PDF не вдається"),
        ("document.docx", pdf_bytes(), "Вміст файлу — PDF, а його назва закінчується на .docx"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "не є зображенням"),
    ],
)
def test_attachments_refused_by_content_get_a_clear_message(client, name, content, message):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    response = client.post("/help/ask/", {**ask_data(client), "attachments": [upload]})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["attachments"])
    assert errors.startswith(f"{name}: ")
    assert message in errors, errors
    assert ConsultationRequest.objects.count() == 0


def test_more_than_three_attachments_or_a_large_one_are_refused(client, monkeypatch):
    uploads = [SimpleUploadedFile(f"d{n}.pdf", pdf_bytes(), "application/pdf") for n in range(4)]
    response = client.post("/help/ask/", {**ask_data(client), "attachments": uploads})
    assert "Додайте не більше ніж 3 файли." in response.context["form"].errors["attachments"]
    monkeypatch.setattr("legalhelp.forms.MAX_ATTACHMENT_SIZE", 100)
    upload = SimpleUploadedFile("big.pdf", pdf_bytes(), "application/pdf")
    response = client.post("/help/ask/", {**ask_data(client), "attachments": [upload]})
    assert "дозволено не більше 100" in " ".join(response.context["form"].errors["attachments"])
    assert ConsultationRequest.objects.count() == 0


def test_staff_download_an_attachment_the_public_cannot(client, admin_client):
    upload = SimpleUploadedFile("rishennia.pdf", pdf_bytes(), "application/pdf")
    client.post("/help/ask/", {**ask_data(client), "attachments": [upload]})
    attachment = RequestAttachment.objects.get()
    url = reverse(
        "admin:legalhelp_consultationrequest_attachment",
        args=[attachment.request_id, attachment.pk],
    )
    assert client.get(url).status_code == 302  # to the admin's login
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# --- staff: the queue, the answer, the knowledge ---


@pytest.fixture
def consultant(django_user_model):
    user = django_user_model.objects.create_user("lawyer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.LEGAL_CONSULTANT.name))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def change_url(request):
    return reverse("admin:legalhelp_consultationrequest_change", args=[request.pk])


def admin_form(request, **changes):
    data = {
        "status": request.status,
        "assigned_to": request.assigned_to_id or "",
        "internal_note": request.internal_note,
        "answer": request.answer,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_consultant_works_a_request_from_new_to_closed(consultant):
    request = RequestFactory(email="olena@example.org")
    changelist = reverse("admin:legalhelp_consultationrequest_changelist")
    consultant.post(changelist, {"action": "take_into_work", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.IN_WORK
    assert request.assigned_to == consultant.user
    assert request.status_changed_at is not None

    answer = "Рада може ухвалити рішення про співробітництво після погодження проєкту договору."
    response = consultant.post(
        change_url(request),
        admin_form(request, answer=answer, internal_note="Перевірити практику", _send_answer="1"),
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.ANSWER_SENT
    assert request.answered_at is not None
    assert request.answer_email_status == ConsultationRequest.EmailStatus.SENT
    (message,) = mail.outbox
    assert message.to == ["olena@example.org"]
    assert answer in message.body
    assert "Перевірити практику" not in message.body  # internal notes stay internal
    status = Client().get(status_path(request)).content.decode()
    assert answer in status
    assert "Перевірити практику" not in status

    consultant.post(changelist, {"action": "close", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.CLOSED
    assert "<strong>закрито</strong>" in Client().get(status_path(request)).content.decode()


def test_the_answer_is_recorded_when_the_mail_fails_and_sent_on_retry(consultant, settings):
    request = RequestFactory(status=ConsultationRequest.Status.IN_WORK)
    settings.EMAIL_BACKEND = FAILING_BACKEND
    consultant.post(
        change_url(request), admin_form(request, answer="Відповідь юриста.", _send_answer="1")
    )
    request.refresh_from_db()
    assert request.answer == "Відповідь юриста."
    assert request.answered_at is not None
    assert request.answer_email_status == ConsultationRequest.EmailStatus.FAILED
    assert "SMTPServerDisconnected" in request.email_error
    assert ConsultationRequest.objects.awaiting_email().filter(pk=request.pk).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_consultation_emails", stdout=io.StringIO())
    request.refresh_from_db()
    assert request.answer_email_status == ConsultationRequest.EmailStatus.SENT
    assert request.email_error == ""
    assert [m.subject for m in mail.outbox if "Відповідь" in m.subject]
    sent = len(mail.outbox)
    call_command("send_consultation_emails", stdout=io.StringIO())
    assert len(mail.outbox) == sent  # each message goes out once


def test_a_failed_confirmation_keeps_the_request_and_is_retried(client, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    response = client.post("/help/ask/", ask_data(client))
    assert response.status_code == 302
    request = ConsultationRequest.objects.get()
    assert request.confirmation_email_status == ConsultationRequest.EmailStatus.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending_emails(ConsultationRequest.objects.all()) == (1, 0)
    request.refresh_from_db()
    assert request.confirmation_email_status == ConsultationRequest.EmailStatus.SENT


def test_the_desk_retry_command_leaves_alone_what_failed_too_often(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    tried_often = RequestFactory(email_attempts=20)
    tried_once = RequestFactory(email_attempts=1)
    for request in (tried_often, tried_once):
        request.confirmation_email_status = ConsultationRequest.EmailStatus.FAILED
        request.save()
    output, errors = io.StringIO(), io.StringIO()
    call_command("send_consultation_emails", stdout=output, stderr=errors)
    assert (
        "Consultation requests: e-mails complete for 0, still failing for 1." in output.getvalue()
    )
    assert "Some e-mails failed" in errors.getvalue()
    tried_often.refresh_from_db()
    tried_once.refresh_from_db()
    assert (tried_often.email_attempts, tried_once.email_attempts) == (20, 2)

    call_command("send_consultation_emails", "--max-attempts=30", stdout=io.StringIO())
    tried_often.refresh_from_db()
    assert tried_often.email_attempts == 21


def test_an_answered_request_becomes_a_draft_without_personal_data(consultant):
    council = make_hromadas(1)[0]
    request = RequestFactory(
        name="Олена Петренко",
        email="olena.petrenko@example.org",
        phone="+380501234567",
        council=council,
        council_name="",
        question=(
            f"Я, Олена Петренко, секретар ради ({council.name}), прошу пояснити порядок "
            "укладення договору. Телефон 050 123-45-67, пошта olena.petrenko@example.org."
        ),
        answer="Пані Олено Петренко, договір укладають після схвалення радами. Петренко О.",
        answered_at=timezone.now(),
        status=ConsultationRequest.Status.ANSWER_SENT,
    )
    response = consultant.post(change_url(request), admin_form(request, _draft_consultation="1"))
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse(
        "admin:legalhelp_consultation_change", args=[consultation.pk]
    )
    assert consultation.status == "draft"
    assert consultation.source_request == request
    text = " ".join([consultation.title, consultation.short_answer, consultation.body])
    for personal in ["Олена", "Петренко", "olena.petrenko@example.org", "123-45-67", council.name]:
        assert personal not in text, personal
    assert "[ім’я]" in text and "[рада]" in text and "[телефон]" in text
    assert leftovers(consultation) == []


def test_the_check_warns_when_personal_data_comes_back(consultant):
    request = RequestFactory(
        name="Ігор Коваленко",
        email="igor@example.org",
        phone="+380671112233",
        council_name="Борівська селищна рада",
        answered_at=timezone.now(),
        answer="Відповідь.",
    )
    consultation = draft_from_request(request)
    consultation.body_uk += (
        "<p>Дякуємо, Коваленко! Пишіть на igor@example.org або 067 111 22 33 "
        "(Борівська селищна рада).</p>"
    )
    consultation.save()
    found = leftovers(consultation)
    assert found == [
        "ім’я: Коваленко",
        "електронна пошта: igor@example.org",
        "телефон: +380671112233",
        "рада: Борівська",
    ]
    page = consultant.get(reverse("admin:legalhelp_consultation_change", args=[consultation.pk]))
    assert "досі містить персональні дані особи, яка звернулася" in page.content.decode()


def test_an_unanswered_request_cannot_become_a_consultation(consultant):
    request = RequestFactory()
    consultant.post(change_url(request), admin_form(request, _draft_consultation="1"))
    assert not Consultation.objects.exists()


# --- the consultant's boundaries ---


def test_the_consultant_role_reaches_the_desk_and_the_knowledge_base_only(
    consultant, django_user_model
):
    request = RequestFactory()
    user = consultant.user
    for permission in [
        "legalhelp.change_consultation",
        "legalhelp.publish_consultation",
        "legalhelp.change_legalact",
        "legalhelp.change_topic",
        "legalhelp.change_consultationrequest",
    ]:
        assert user.has_perm(permission), permission
    for permission in [
        "legalhelp.add_consultationrequest",
        "legalhelp.delete_consultationrequest",
        "news.change_article",
        "programs.view_application",
        "members.change_council",
        "auth.change_user",
    ]:
        assert not user.has_perm(permission), permission
    assert consultant.get(reverse("admin:news_article_changelist")).status_code == 403
    assert (
        consultant.get(
            reverse("admin:legalhelp_consultationrequest_delete", args=[request.pk])
        ).status_code
        == 403
    )
    assert consultant.get(reverse("admin:legalhelp_consultationrequest_add")).status_code == 403
    # and other roles do not see the requests
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR.name))
    other = Client()
    other.force_login(editor)
    assert other.get(change_url(request)).status_code == 403
    assert other.get(reverse("admin:legalhelp_consultation_changelist")).status_code == 403


# --- personal data: the purge ---


def test_the_purge_removes_old_requests_personal_data_and_files(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    upload = SimpleUploadedFile("rishennia.pdf", pdf_bytes(), "application/pdf")
    client.post("/help/ask/", {**ask_data(client), "attachments": [upload]})
    old = ConsultationRequest.objects.get()
    path = old.attachments.get().file.path
    ConsultationRequest.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=31),
        answered_at=timezone.now() - datetime.timedelta(days=29),
    )
    recent = RequestFactory(name="Свіжий Запит")
    output = io.StringIO()
    call_command("purge_personal_data", stdout=output)
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.name, old.email, old.phone, old.question, old.council_name) == ("", "", "", "", "")
    assert old.topic is not None and old.answered_at is not None  # the figures keep working
    assert not old.attachments.exists()
    import os

    assert not os.path.exists(path)
    recent.refresh_from_db()
    assert recent.name == "Свіжий Запит"
    assert ConsultationRequest.objects.figures(timezone.localdate().year)["answered"] == 1
    # The status link still answers, with nothing personal left to show.
    assert client.get(status_path(old)).status_code == 200


def test_the_privacy_notice_names_the_desk(client):
    sentences = retention.notice()
    assert any("Запитання до консультаційного пункту" in sentence for sentence in sentences)


def test_names_and_councils_are_scrubbed_in_any_of_their_forms():
    from legalhelp.anonymise import scrub

    request = RequestFactory.build(
        name="Ігор Коваленко", council_name="Вільхівська сільська рада", email="i@example.org"
    )
    text = scrub(
        "Шановний Ігорю! Пан Коваленка просив відповісти до Вільхівської сільської ради. "
        "Ігри та спорт фінансує громада; пишіть на i@example.org, +38 (050) 123-45-67.",
        request,
    )
    assert text == (
        "Шановний [ім’я]! Пан [ім’я] просив відповісти до [рада] сільської ради. "
        "Ігри та спорт фінансує громада; пишіть на [електронна пошта], [телефон]."
    )


def test_a_question_sent_while_the_database_fails_comes_back_unsaved(client, monkeypatch):
    from django.db import OperationalError

    data = ask_data(client, question=QUESTION + " <b>")

    def fail(self, language):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(AskForm, "save", fail)
    response = client.post("/help/ask/", data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Запитання не збережено" in html
    assert QUESTION[:60] in html and "&lt;b&gt;" in html
    assert ConsultationRequest.objects.count() == 0


def test_a_topic_without_an_english_name_is_only_in_ukrainian(client):
    topic = TopicFactory(name_uk="Відновлення", name_en="")
    ConsultationFactory(topics=[topic], title_en="Recovery planning")
    response = client.get("/en" + topic.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This page is only in Ukrainian" in html
    assert "Відновлення" not in client.get("/en/help/").content.decode()
