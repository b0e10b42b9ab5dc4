import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from core.roles import PROGRAM_MANAGER
from documents.factories import AttachmentFactory, DocumentFactory
from media.factories import ImageFactory
from programs.factories import (
    MentorFactory,
    ProgramFactory,
    ProgramItemFactory,
    SelectionStageFactory,
    StudyVisitFactory,
    image_bytes,
    pdf_bytes,
)
from programs.models import ProgramItem, ProgramParticipation
from tests.helpers import breadcrumbs, external_resources, read_site_parts, sitemap_xml
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")


def full_program(**fields):
    """A program with a row in every list, so that every section of its page shows."""
    program = ProgramFactory(**fields)
    SelectionStageFactory(program=program, name_uk="Перший етап")
    for kind in ProgramItem.Kind.values:
        ProgramItemFactory(program=program, kind=kind)
    MentorFactory(program=program)
    StudyVisitFactory(program=program)
    AttachmentFactory(content_object=program)
    program.partners.add(MentorFactory(program=program).organisation)
    return program


def add_rows(program, count):
    for _ in range(count):
        SelectionStageFactory(program=program)
        for kind in ProgramItem.Kind.values:
            ProgramItemFactory(program=program, kind=kind)
        MentorFactory(program=program)
        StudyVisitFactory(program=program)
        AttachmentFactory(content_object=program)


def test_list_shows_open_programs_first_under_headings(client):
    ProgramFactory(title_uk="Завершена", completed=True)
    ProgramFactory(title_uk="Відкрита", accepting=True)
    ProgramFactory(title_uk="Триває", in_progress=True)
    html = client.get("/programs/").content.decode()
    headings = re.findall(r'<h2 id="status-[a-z_]+">([^<]+)</h2>', html)
    assert headings == ["Відкрито прийом заявок", "Триває", "Архів"]
    # Each program's card is headed under its status (h2).
    assert re.findall(r'<(h[1-6]) class="card__title"', html) == ["h3"] * 3
    assert html.index("Відкрита") < html.index(">Триває<") < html.index("Завершена")


def test_list_filters_by_status(client):
    ProgramFactory(title_uk="Завершена програма", completed=True)
    ProgramFactory(title_uk="Відкрита програма", accepting=True)
    html = client.get("/programs/?status=completed").content.decode()
    assert "Завершена програма" in html
    assert "Відкрита програма" not in html
    assert '<option value="completed" selected>' in html


@pytest.mark.parametrize(
    "query", ["?status=nonsense", "?status=", "?status[]=x&status=y", "?status=%00"]
)
def test_a_bad_filter_shows_every_program(client, query):
    ProgramFactory(title_uk="Відкрита програма", accepting=True)
    response = client.get("/programs/" + query)
    assert response.status_code == 200
    assert "Відкрита програма" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_a_bad_page_is_not_found_never_an_error(client, page):
    ProgramFactory()
    assert client.get(f"/programs/?page={page}").status_code == 404


def test_drafts_are_hidden_from_the_public_and_previewed_for_managers(client):
    draft = ProgramFactory(status="draft", title_uk="Чернетка програми")
    assert "Чернетка програми" not in client.get("/programs/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url() + "apply/").status_code == 404

    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.create_user("m", password="pw", is_staff=True)
    manager.groups.add(Group.objects.get(name=PROGRAM_MANAGER.name))
    client.force_login(manager)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Це чернетка: її бачать лише працівники." in html  # the one preview notice


def test_detail_shows_the_key_facts_for_an_official(client):
    with time_machine.travel(datetime.datetime(2020, 5, 19, 10, 0, tzinfo=KYIV), tick=False):
        program = full_program(
            title_uk="Просторове планування",
            eligibility_uk="Сусідні ОТГ",
            min_group_size=4,
            max_group_size=6,
            application_deadline=datetime.datetime(2020, 5, 24, 23, 59, tzinfo=KYIV),
            starts_on=datetime.date(2020, 6, 1),
            ends_on=datetime.date(2020, 11, 30),
        )
        html = client.get(program.get_absolute_url()).content.decode()
    facts = html[html.index('class="key-facts"') : html.index("</aside>")]
    assert "Сусідні ОТГ" in facts
    assert "від 4 до 6 громад разом" in facts
    assert "безкоштовно" in facts
    assert "24 травня 2020, 23:59" in facts
    assert "залишилось 5 днів" in facts
    assert "1 червня 2020 – 30 листопада 2020" in facts
    assert "6 місяців" in facts
    assert 'href="/programs/' + program.slug + '/apply/"' in facts
    for heading in [
        "Що потрібно для участі",
        "Як відбирають учасників",
        "Що ви робитимете",
        "Результати",
        "Ментори та експерти",
        "Навчальні візити",
        "Документи",
        "Як подати заявку",
    ]:
        assert f">{heading}</h2>" in html, heading
    assert "Етап 1</span> Перший етап" in html


def test_the_program_pages_lead_back_to_the_list(client):
    program = ProgramFactory(title_uk="Просторове планування")
    assert breadcrumbs(client.get(program.get_absolute_url()).content.decode()) == [
        ("/", "Головна"),
        ("/programs/", "Освітні програми"),
        (None, "Просторове планування"),
    ]
    assert breadcrumbs(client.get("/programs/").content.decode()) == [
        ("/", "Головна"),
        (None, "Освітні програми"),
    ]


def test_documents_show_their_type_and_size_in_their_order(client):
    program = ProgramFactory(english=True)
    regulations = DocumentFactory(
        title_uk="Положення",
        title_en="Regulations",
        file=SimpleUploadedFile("polozhennia.pdf", pdf_bytes() + b"%" * 2048),
    )
    criteria = DocumentFactory(title_uk="Критерії", title_en="Criteria")
    draft = DocumentFactory(title_uk="Чернетка", status="draft")
    AttachmentFactory(content_object=program, document=criteria, position=2)
    AttachmentFactory(content_object=program, document=draft, position=0)
    AttachmentFactory(content_object=program, document=regulations, position=1)
    only_uk = DocumentFactory(title_uk="Лише українською", title_en="")
    AttachmentFactory(content_object=program, document=only_uk, position=3)
    html = client.get(program.get_absolute_url()).content.decode()
    assert re.findall(r'class="document-list__title"><a href="[^"]+">([^<]+)</a>', html) == [
        "Положення",
        "Критерії",
        "Лише українською",
    ]
    match = re.search(r'document-list__format">\(PDF, ([^)]+)\)', html)
    assert match, html
    assert match.group(1).endswith("\xa0Кб")  # Django’s own Ukrainian unit
    assert f'href="{regulations.file.url}" download' in html
    assert "(DOCX, " in html
    english = client.get("/en" + program.get_absolute_url()).content.decode()
    assert re.findall(r'class="document-list__title"><a href="[^"]+">([^<]+)</a>', english) == [
        "Regulations",
        "Criteria",
    ]
    # An English page does not show Ukrainian silently (decision 14): it says so.
    assert '" lang="uk">Лише українською</a> <span class="document-list__language">' in english
    assert "(in Ukrainian)" in english
    assert re.search(r'document-list__format">\(PDF, [^)]+\xa0KB\)', english)


def test_participating_hromadas_link_to_their_council_pages(client):
    program = ProgramFactory(completed=True)
    council = make_hromadas(1)[0]
    ProgramParticipation.objects.create(program=program, council=council, role="selected")
    html = client.get(program.get_absolute_url()).content.decode()
    assert f'<a href="{council.get_absolute_url()}">{council.name}</a>' in html
    assert "відібрано" in html


def test_participating_hromadas_are_listed_by_role_then_in_ukrainian_order(client):
    program = ProgramFactory(completed=True)
    names = ["Ізюмська", "Балаклійська", "Ґаджівська", "Гутянська", "Єлизаветівська"]
    councils = make_hromadas(len(names))
    roles = ["participant", "participant", "participant", "applicant", "participant"]
    for council, name, role in zip(councils, names, roles, strict=True):
        council.name_uk = f"{name} рада"
        council.save()
        ProgramParticipation.objects.create(program=program, council=council, role=role)
    html = client.get(program.get_absolute_url()).content.decode()
    section = html[html.index('id="hromadas-title"') :]
    listed = re.findall(r">(\S+) рада</a>", section)
    # Participants first (Ґ after Г, Є after Е, І after И), then the applicant.
    assert listed == ["Балаклійська", "Ґаджівська", "Єлизаветівська", "Ізюмська", "Гутянська"]


def test_a_completed_program_says_applications_are_closed(client):
    program = ProgramFactory(completed=True)
    html = client.get(program.get_absolute_url()).content.decode()
    assert "Прийом заявок на цю програму завершено." in html
    assert "/apply/" not in html


def test_a_program_that_opens_later_says_when(client):
    with time_machine.travel(datetime.datetime(2020, 4, 1, 12, 0, tzinfo=KYIV), tick=False):
        program = ProgramFactory(
            applications_open_at=datetime.datetime(2020, 5, 1, 9, 0, tzinfo=KYIV),
            application_deadline=datetime.datetime(2020, 5, 24, 23, 59, tzinfo=KYIV),
        )
        html = client.get(program.get_absolute_url()).content.decode()
    assert "Прийом заявок розпочнеться 1 травня 2020, 09:00." in html


def test_detail_is_in_english_and_without_english_says_so(client):
    program = ProgramFactory(title_uk="Назва", title_en="Title", english=True)
    # A tagline without English: the page says it is only in Ukrainian (decision 0014).
    partial = ProgramFactory(
        title_uk="Часткова", english=True, tagline_uk="Лише українською", tagline_en=""
    )
    urls = [program.get_absolute_url(), partial.get_absolute_url()]
    html = client.get("/en" + urls[0]).content.decode()
    assert "<h1>Title</h1>" in html
    assert "Key facts" in html
    html = client.get("/en" + urls[1]).content.decode()
    assert "Лише українською" not in html
    assert "This page is only in Ukrainian." in html


def test_cover_image_has_its_description_and_nothing_comes_from_elsewhere(client):
    program = ProgramFactory(
        cover=ImageFactory(
            file=SimpleUploadedFile("c.png", image_bytes()), alt_uk="Учасники на семінарі"
        ),
        organiser=MentorFactory().organisation,
    )
    program.organiser.url = "https://example.org/"
    program.organiser.save()
    html = client.get(program.get_absolute_url()).content.decode()
    assert 'alt="Учасники на семінарі"' in html
    assert re.search(r'<img src="[^"]+\.webp" srcset="[^"]+ [0-9]+w', html)  # the renditions
    assert external_resources(html) == []
    list_html = client.get("/programs/").content.decode()
    assert external_resources(list_html) == []


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (1, "залишився 1 день"),
        (2, "залишилось 2 дні"),
        (5, "залишилось 5 днів"),
        (11, "залишилось 11 днів"),
        (21, "залишився 21 день"),
        (0, "останній день прийому заявок"),
    ],
)
def test_home_shows_open_programs_with_the_time_left(client, days, text):
    now = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=KYIV)
    with time_machine.travel(now, tick=False):
        ProgramFactory(
            title_uk="Відкрита програма",
            application_deadline=now + datetime.timedelta(days=days, hours=8),
        )
        html = client.get("/").content.decode()
    assert "Програми, відкриті для заявок" in html
    assert text in html
    assert re.findall(r'<(h[1-6]) class="card__title"', html) == ["h3"]


def test_home_time_left_in_english(client):
    now = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=KYIV)
    with time_machine.travel(now, tick=False):
        ProgramFactory(application_deadline=now + datetime.timedelta(days=1), english=True)
        assert "1 day left" in client.get("/en/").content.decode()


def test_home_has_no_programs_section_when_none_is_open(client):
    ProgramFactory(completed=True)
    ProgramFactory(in_progress=True)
    assert "home-programs-title" not in client.get("/").content.decode()


def test_sitemap_lists_published_programs_in_both_languages(client):
    program = ProgramFactory(english=True)
    ProgramFactory(status="draft", slug="draft")
    xml = sitemap_xml(client)
    assert f"<loc>http://testserver{program.get_absolute_url()}</loc>" in xml
    assert f"<loc>http://testserver/en{program.get_absolute_url()}</loc>" in xml
    assert "<loc>http://testserver/programs/</loc>" in xml
    assert "/programs/draft/" not in xml


def test_list_queries_stay_constant(client, django_assert_max_num_queries):
    for _ in range(2):
        ProgramFactory(accepting=True, cover=ImageFactory())
    with django_assert_max_num_queries(10) as few:
        assert client.get("/programs/").status_code == 200
    for _ in range(20):
        ProgramFactory(
            completed=True,
            organiser=MentorFactory().organisation,
            cover=ImageFactory(file=SimpleUploadedFile("c.png", image_bytes(size=(40, 30)))),
        )
    with django_assert_max_num_queries(10) as many:
        assert client.get("/programs/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_detail_queries_stay_constant(client, django_assert_max_num_queries):
    program = full_program(accepting=True, group=True)
    councils = make_hromadas(12)
    ProgramParticipation.objects.create(program=program, council=councils[0])
    # The page's own; its demo marks and the association's name (footer) are read once per
    # content version (read_site_parts).
    read_site_parts(client, program.get_absolute_url())
    with django_assert_max_num_queries(10) as few:
        assert client.get(program.get_absolute_url()).status_code == 200
    add_rows(program, 10)
    for council in councils[1:]:
        ProgramParticipation.objects.create(program=program, council=council)
    read_site_parts(client, program.get_absolute_url())
    with django_assert_max_num_queries(10) as many:
        assert client.get(program.get_absolute_url()).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_home_queries_stay_constant(client, django_assert_max_num_queries):
    ProgramFactory(accepting=True)
    with django_assert_max_num_queries(10) as few:
        client.get("/")
    for _ in range(10):  # each card names its organiser: one query for them all
        ProgramFactory(accepting=True, organiser=MentorFactory().organisation)
    with django_assert_max_num_queries(10) as many:
        client.get("/")
    assert len(many.captured_queries) == len(few.captured_queries)
