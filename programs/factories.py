"""factory_boy factories of programs, shared by the demo content and the tests."""

from datetime import timedelta
from io import BytesIO

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from openpyxl import Workbook
from PIL import Image, ImageDraw

from media.factories import image_bytes  # noqa: F401 (the factories' picture, used here and by tests)
from programs.models import (
    Application,
    Mentor,
    Organisation,
    Program,
    ProgramItem,
    SelectionStage,
    StudyVisit,
)


def pdf_bytes(lines=("Demo example",)):
    """A one-page PDF (drawn with Pillow) with a few lines of ASCII text."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((60, 80 + 30 * number), line, fill="black")
    buffer = BytesIO()
    page.save(buffer, "PDF")
    return buffer.getvalue()


def xlsx_bytes(rows=(("Demo example",),)):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_uk = factory.Faker("company", locale="uk_UA")


class ProgramFactory(DjangoModelFactory):
    """A published program; pick its phase with `accepting=True`, `in_progress=True`, ..."""

    class Meta:
        model = Program

    title_uk = factory.Sequence(lambda n: f"Освітня програма {n}")
    tagline_uk = factory.Faker("sentence", locale="uk_UA")
    summary_uk = factory.Faker("paragraph", locale="uk_UA")
    eligibility_uk = "Сусідні територіальні громади Харківщини"
    status = "published"

    class Params:
        accepting = factory.Trait(
            application_deadline=factory.LazyFunction(lambda: timezone.now() + timedelta(days=10)),
            starts_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200)),
        )
        in_progress = factory.Trait(
            application_deadline=factory.LazyFunction(lambda: timezone.now() - timedelta(days=40)),
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=100)),
        )
        completed = factory.Trait(
            application_deadline=factory.LazyFunction(lambda: timezone.now() - timedelta(days=400)),
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=360)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
        )
        group = factory.Trait(min_group_size=3, max_group_size=5)
        # Complete in English (core.publishing: parity_fields), so it is shown on /en/.
        english = factory.Trait(
            title_en=factory.Sequence(lambda n: f"Educational program {n}"),
            tagline_en=factory.Faker("sentence", locale="en_GB"),
            summary_en=factory.Faker("paragraph", locale="en_GB"),
            eligibility_en="Neighbouring hromadas of Kharkiv oblast",
        )


class SelectionStageFactory(DjangoModelFactory):
    class Meta:
        model = SelectionStage

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(int)
    name_uk = factory.Faker("sentence", nb_words=3, locale="uk_UA")
    description_uk = factory.Faker("sentence", locale="uk_UA")


class ProgramItemFactory(DjangoModelFactory):
    class Meta:
        model = ProgramItem

    program = factory.SubFactory(ProgramFactory)
    kind = ProgramItem.Kind.ACTIVITY
    order = factory.Sequence(int)
    text_uk = factory.Faker("sentence", locale="uk_UA")


class MentorFactory(DjangoModelFactory):
    class Meta:
        model = Mentor

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(int)
    role_uk = "Експертка з просторового планування"
    organisation = factory.SubFactory(OrganisationFactory)
    country_uk = "Україна"


class StudyVisitFactory(DjangoModelFactory):
    class Meta:
        model = StudyVisit

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(int)
    place_uk = factory.Faker("city", locale="uk_UA")
    country_uk = "Україна"


class ApplicationFactory(DjangoModelFactory):
    """Needs `lead_council` (a members.Council made by the caller)."""

    class Meta:
        model = Application

    program = factory.SubFactory(ProgramFactory, accepting=True)
    contact_name = factory.Faker("name", locale="uk_UA")
    contact_position = "Заступник голови громади"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    contact_phone = "+380501234567"
    motivation = factory.Faker("paragraph", nb_sentences=12, locale="uk_UA")
    consent_given_at = factory.LazyFunction(timezone.now)
    language = "uk"
