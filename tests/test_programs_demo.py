import datetime
import io
import re
from html import unescape

import pytest
import time_machine
from django.core.management import call_command

from documents.models import Attachment, Document, attached_documents
from programs.demo import DEMO, SPACES, SPACES_ACTIVITIES, SPACES_RESULTS
from programs.models import Program

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def text_of(html):
    """The page's visible text with whitespace folded, to look facts up in."""
    body = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_load_demo_twice_changes_nothing():
    load_demo()
    counts = {model: model.objects.count() for model in [Program, Document, Attachment]}
    updated = dict(Program.objects.values_list("slug", "updated_at"))
    load_demo()
    assert {model: model.objects.count() for model in counts} == counts
    assert dict(Program.objects.values_list("slug", "updated_at")) == updated


def test_spaces_page_shows_every_fact_of_the_seed(client):
    load_demo()
    spaces = Program.objects.get(slug=SPACES["slug"])
    assert spaces.phase == Program.Phase.COMPLETED
    text = text_of(client.get(spaces.get_absolute_url()).content.decode())
    facts = [
        "SPACES. Просторове планування для доступності, співробітництва та економічної сталості",
        "CANactions School",
        "Участь у програмі безкоштовна",
        "безкоштовно",
        "протягом 2020 року",
        "від 4 до 6 громад разом",
        "Мотивація працювати разом із сусідніми ОТГ задля спільного блага",
        "Етап 1 Прийом заявок",
        "Етап 2 Визначення групи учасників",
        "Міжнародна команда менторів та експертів",
        "Україна, Швейцарія, Румунія",
        "Сібіу та муніципалітети навколо нього, Румунія",
        "неформальну просторову документацію",
        "Детальніше на сторінці проєкту",
        "Завершено",
    ]
    facts += [activity for activity, _english in SPACES_ACTIVITIES]
    facts += [result for result, _english in SPACES_RESULTS]
    for fact in facts:
        assert " ".join(fact.split()) in text, fact
    assert len(spaces.activities) == 9


def test_spaces_is_in_english_too(client):
    load_demo()
    spaces = Program.objects.get(slug=SPACES["slug"])
    text = text_of(client.get("/en" + spaces.get_absolute_url()).content.decode())
    for fact in [
        "SPACES: Spatial Planning for Accessibility, Cooperation and Economic Sustainability",
        "throughout 2020",
        "4 to 6 hromadas together",
        "Ukraine, Switzerland, Romania",
        "Sibiu and the municipalities around it, Romania",
        "free of charge",
        "Completed",
    ]:
        assert fact in text, fact
    for activity_uk, activity_en in SPACES_ACTIVITIES:
        assert " ".join(activity_en.split()) in text
        assert activity_uk not in text


def test_the_demo_program_is_marked_and_accepts_applications(client):
    load_demo()
    demo = Program.objects.get(slug=DEMO["slug"])
    assert demo.is_accepting_applications
    html = client.get(demo.get_absolute_url()).content.decode()
    assert "Демонстраційний приклад." in html
    assert client.get(demo.get_absolute_url() + "apply/").status_code == 200
    assert "Демонстраційний приклад" in client.get("/programs/").content.decode()
    documents = attached_documents(demo)
    assert [document.file_type for document in documents] == ["pdf", "xlsx"]
    assert all(document.title_en for document in documents)


def test_the_demo_program_is_opened_again_when_its_deadline_has_passed():
    load_demo()
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=60)
    with time_machine.travel(later):
        assert not Program.objects.get(slug=DEMO["slug"]).is_accepting_applications
        load_demo()
        demo = Program.objects.get(slug=DEMO["slug"])
        assert demo.is_accepting_applications
        assert demo.stages.first().starts_on > demo.application_deadline.date()
