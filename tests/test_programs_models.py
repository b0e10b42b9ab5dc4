import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from core.slugs import slugify_uk
from media.factories import ImageFactory
from programs.factories import (
    ProgramFactory,
    image_bytes,
)
from programs.models import Program

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")


def spaces_like(**overrides):
    """SPACES's dates: deadline 24 May 2020, work from June to the end of 2020."""
    fields = {
        "applications_open_at": datetime.datetime(2020, 5, 1, 9, 0, tzinfo=KYIV),
        "application_deadline": datetime.datetime(2020, 5, 24, 23, 59, tzinfo=KYIV),
        "starts_on": datetime.date(2020, 6, 1),
        "ends_on": datetime.date(2020, 12, 31),
    }
    return ProgramFactory(**(fields | overrides))


MOMENTS = [
    (datetime.datetime(2020, 4, 30, 12, 0, tzinfo=KYIV), Program.Phase.ANNOUNCED),
    (datetime.datetime(2020, 5, 1, 9, 0, tzinfo=KYIV), Program.Phase.ACCEPTING),
    (datetime.datetime(2020, 5, 24, 23, 59, tzinfo=KYIV), Program.Phase.ACCEPTING),
    (datetime.datetime(2020, 5, 25, 0, 0, tzinfo=KYIV), Program.Phase.ANNOUNCED),
    (datetime.datetime(2020, 6, 1, 0, 0, tzinfo=KYIV), Program.Phase.IN_PROGRESS),
    (datetime.datetime(2020, 12, 31, 23, 59, tzinfo=KYIV), Program.Phase.IN_PROGRESS),
    (datetime.datetime(2021, 1, 1, 0, 0, tzinfo=KYIV), Program.Phase.COMPLETED),
]


@pytest.mark.parametrize(("moment", "expected"), MOMENTS)
def test_status_follows_the_dates_in_python_and_in_sql(moment, expected):
    program = spaces_like()
    with time_machine.travel(moment, tick=False):
        assert program.phase == expected
        assert Program.objects.with_phase().get().computed_phase == expected
        # in_phase() is what the admin's status filter runs; the home page asks for
        # accepting_applications().
        assert [s for s in Program.Phase if Program.objects.in_phase(s).exists()] == [expected]
        accepting = Program.objects.accepting_applications().exists()
        assert accepting == (expected == Program.Phase.ACCEPTING)


def test_a_program_without_dates_is_announced_and_takes_no_applications():
    program = ProgramFactory()
    assert program.phase == Program.Phase.ANNOUNCED
    assert not program.is_accepting_applications
    assert program.days_left is None


def test_a_program_without_an_end_is_in_progress_once_started():
    program = ProgramFactory(starts_on=datetime.date(2020, 1, 1))
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=KYIV)):
        assert program.phase == Program.Phase.IN_PROGRESS
        assert Program.objects.in_phase(Program.Phase.IN_PROGRESS).get() == program


@pytest.mark.parametrize(
    ("moment", "days"),
    [
        (datetime.datetime(2020, 5, 24, 8, 0, tzinfo=KYIV), 0),
        (datetime.datetime(2020, 5, 23, 23, 0, tzinfo=KYIV), 1),
        (datetime.datetime(2020, 5, 19, 10, 0, tzinfo=KYIV), 5),
    ],
)
def test_days_left_count_calendar_days_in_kyiv(moment, days):
    program = spaces_like()
    with time_machine.travel(moment, tick=False):
        assert program.days_left == days


def test_list_order_puts_open_programs_first_then_announced_current_and_archive():
    with time_machine.travel(datetime.datetime(2024, 3, 1, 12, 0, tzinfo=KYIV), tick=False):
        completed = ProgramFactory(completed=True)
        later_deadline = ProgramFactory(accepting=True)
        later_deadline.application_deadline += datetime.timedelta(days=5)
        later_deadline.save()
        in_progress = ProgramFactory(in_progress=True)
        announced = ProgramFactory()
        sooner_deadline = ProgramFactory(accepting=True)
        assert list(Program.objects.in_list_order()) == [
            sooner_deadline,
            later_deadline,
            announced,
            in_progress,
            completed,
        ]


def test_only_published_programs_are_public():
    ProgramFactory(status="draft")
    shown = ProgramFactory()
    assert list(Program.objects.published()) == [shown]


def test_the_database_refuses_a_group_size_range_upside_down():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFactory(min_group_size=5, max_group_size=3)


def test_clean_explains_inconsistent_dates_and_sizes():
    program = ProgramFactory.build(
        min_group_size=5,
        max_group_size=3,
        starts_on=datetime.date(2020, 6, 1),
        ends_on=datetime.date(2020, 5, 1),
        is_free=False,
        cost_uk="",
    )
    with pytest.raises(ValidationError) as error:
        program.clean()
    assert set(error.value.message_dict) == {"max_group_size", "ends_on", "cost"}


def test_slug_is_the_official_transliteration_of_the_ukrainian_title():
    program = ProgramFactory(
        title_uk="Згорани: Щастя громад і Ї", title_en="Something else", slug=""
    )
    assert program.slug == "zghorany-shchastia-hromad-i-yi"
    again = ProgramFactory(title_uk="Згорани: Щастя громад і Ї", slug="")
    assert again.slug == "zghorany-shchastia-hromad-i-yi-2"


def test_slugify_uk_follows_the_cabinet_resolution():
    # CMU resolution No. 55: "zgh" for "зг", "ia" in the middle of a word, "Yi" at the start.
    assert slugify_uk("Розгон Їжакевич Короп’є Згурівка") == "rozghon-yizhakevych-koropie-zghurivka"


def test_english_title_falls_back_to_ukrainian():
    program = ProgramFactory(title_uk="Лише українською", title_en="")
    with translation.override("en"):
        assert Program.objects.get(pk=program.pk).title == "Лише українською"


def test_a_cover_is_a_library_image_through_the_shared_pipeline_once():
    image = ImageFactory(
        file=SimpleUploadedFile("cover.png", image_bytes(size=(1200, 900))),
        alt_uk="Учасники програми",
    )
    program = ProgramFactory(cover=image)
    assert (image.width, image.height) == (1200, 900)
    renditions = image.file_renditions
    assert renditions["source"] == image.file.name
    assert [width for width, _h, _name in renditions["formats"]["WEBP"]] == [480, 800, 1200]
    program = Program.objects.get(pk=program.pk)
    program.title_uk = "Нова назва"
    program.save()
    image.refresh_from_db()
    assert image.file_renditions == renditions  # made once, not on every save
    assert program.cover_picture.srcset.count("w,") == 2
    assert program.cover_alt == "Учасники програми"
    program.cover = None
    program.save()
    assert program.cover_picture is None and program.cover_alt == ""
