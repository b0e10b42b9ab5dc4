"""Councils: membership rules, live figures in Ukrainian plural forms, Ukrainian order, checks."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.db.models.functions import Collate
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image

from members.factories import CouncilFactory, HromadaFactory, RaionFactory, TerritorialUnitFactory
from members.managers import MembershipFigures
from members.models import Council, TerritorialUnit
from programs.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def test_a_council_created_with_only_the_contract_fields_is_a_member():
    unit = HromadaFactory()
    council = Council.objects.create(unit=unit, kind="hromada", name="Тестова рада", slug="test")
    assert list(Council.objects.members()) == [council]
    assert council.get_absolute_url() == "/members/test/"


def test_former_and_non_members_are_not_members():
    member = CouncilFactory()
    CouncilFactory(status=Council.Status.FORMER)
    CouncilFactory(status=Council.Status.NOT_MEMBER)
    assert list(Council.objects.members()) == [member]
    assert Council.objects.not_members().count() == 2


def test_the_registry_order_is_ukrainian_alphabetical_order_ignoring_apostrophes():
    names = [
        "Кам’янська",
        "Їжаківська",
        "Ґудзівська",
        "Євгенівська",
        "Іванівська",
        "Жовтнева",
        "Йосипівська",
        "Гутянська",
        "Камінська",
        "Ирківська",
        "Енська",
        "Каменська",
        "Дергачівська",
    ]
    for name in names:
        CouncilFactory(name=name)
    expected = [
        "Гутянська",
        "Ґудзівська",  # Ґ after Г
        "Дергачівська",
        "Енська",
        "Євгенівська",  # Є after Е
        "Жовтнева",
        "Ирківська",
        "Іванівська",  # І after И
        "Їжаківська",  # Ї after І
        "Йосипівська",
        "Каменська",
        "Камінська",
        "Кам’янська",  # the apostrophe is ignored: as if "Камянська"
    ]
    assert list(Council.objects.by_name().values_list("name_uk", flat=True)) == expected
    # Neither Python's code-point order nor PostgreSQL's plain Ukrainian collation gets it right.
    assert sorted(names) != expected
    plain = Council.objects.order_by(Collate("name_uk", "uk-x-icu")).values_list(
        "name_uk", flat=True
    )
    assert list(plain) != expected


def test_the_english_registry_is_ordered_by_english_name_falling_back_to_ukrainian():
    CouncilFactory(name_uk="Балаклійська міська рада", name_en="Balakliia City Council")
    CouncilFactory(name_uk="Ізюмська міська рада", name_en="Izium City Council")
    CouncilFactory(name_uk="Зміївська міська рада", name_en=None)
    with translation.override("en"):
        names = [council.name for council in Council.objects.by_name()]
    assert names == ["Balakliia City Council", "Izium City Council", "Зміївська міська рада"]


def build_seed_oblast(non_members=2):
    oblast = TerritorialUnitFactory(category="O")
    CouncilFactory(unit=oblast, kind="oblast", hromada_type="")
    raions = [RaionFactory(parent=oblast) for _ in range(7)]
    for raion in raions:
        CouncilFactory(unit=raion, kind="raion", hromada_type="")
    for index in range(56):
        CouncilFactory(
            unit=HromadaFactory(parent=raions[index % 7]),
            status="not_member" if index < non_members else "member",
        )


def test_the_figures_are_computed_live_like_the_seed():
    build_seed_oblast()
    figures = Council.objects.membership_figures()
    assert figures == MembershipFigures(members=62, hromada=54, raion=7, oblast=1, total=64)
    assert figures.share == 97  # 62 / 64 = 96.9 %


def test_the_total_counts_the_units_that_have_a_council_by_law_even_without_one():
    build_seed_oblast(non_members=0)
    # Two hromadas in the codifier whose councils nobody has entered yet.
    HromadaFactory.create_batch(2)
    # A village has no council of its own, and a unit gone from the codifier no longer counts.
    TerritorialUnitFactory(category="C")
    HromadaFactory(in_codifier=False)
    figures = Council.objects.membership_figures()
    assert (figures.members, figures.total, figures.share) == (64, 66, 97)


def test_no_councils_give_zero_figures():
    figures = Council.objects.membership_figures()
    assert (figures.members, figures.total, figures.share) == (0, 0, 0)


# count -> (member councils, raion councils, "of all ... councils")
PLURALS = {
    1: ("місцева рада — член Асоціації", "районна рада", "від 1 ради Харківщини"),
    2: ("місцеві ради — члени Асоціації", "районні ради", "від 2 рад Харківщини"),
    5: ("місцевих рад — членів Асоціації", "районних рад", "від 5 рад Харківщини"),
    11: ("місцевих рад — членів Асоціації", "районних рад", "від 11 рад Харківщини"),
    21: ("місцева рада — член Асоціації", "районна рада", "від 21 ради Харківщини"),
    22: ("місцеві ради — члени Асоціації", "районні ради", "від 22 рад Харківщини"),
    62: ("місцеві ради — члени Асоціації", "районні ради", "від 62 рад Харківщини"),
}


def plain_text(html):
    return " ".join(html.split())


@pytest.mark.parametrize("count", sorted(PLURALS))
def test_the_figures_use_ukrainian_plural_forms(count):
    figures = MembershipFigures(members=count, hromada=count, raion=count, oblast=1, total=count)
    with translation.override("uk"):
        html = plain_text(render_to_string("members/includes/figures.html", {"figures": figures}))
    members, raions, total = PLURALS[count]
    assert f"{count}</span> {members}" in html
    assert f"{count}</span> {raions}" in html
    assert f"100 %</span> {total}" in html


@pytest.mark.parametrize("count", sorted(PLURALS))
def test_the_home_page_shows_the_live_figures_in_ukrainian(client, count):
    raion = RaionFactory()
    for _ in range(count):
        CouncilFactory(unit=HromadaFactory(parent=raion))
    html = plain_text(client.get("/").content.decode())
    assert f'<span class="figure__number">{count}</span> {PLURALS[count][0]}' in html
    english = plain_text(client.get("/en/").content.decode())
    noun = "member council" if count == 1 else "member councils"
    assert f'<span class="figure__number">{count}</span> {noun}' in english


def test_the_home_page_has_no_membership_section_without_members(client):
    CouncilFactory(status=Council.Status.NOT_MEMBER)
    html = client.get("/").content.decode()
    assert "home-members-title" not in html


def test_membership_cannot_end_before_it_starts():
    council = CouncilFactory.build(
        unit=HromadaFactory(), member_since="2021-05-01", member_until="2021-01-01", status="former"
    )
    with pytest.raises(ValidationError):
        council.full_clean()
    with pytest.raises(IntegrityError):
        council.save()


def test_a_current_member_has_no_end_date_and_only_hromada_councils_have_a_type():
    council = CouncilFactory.build(unit=HromadaFactory(), member_until="2022-01-01")
    with pytest.raises(ValidationError, match="змініть статус"):
        council.full_clean()
    raion_council = CouncilFactory.build(unit=RaionFactory(), kind="raion", hromada_type="city")
    with pytest.raises(ValidationError) as error:
        raion_council.full_clean()
    assert "hromada_type" in error.value.message_dict


def test_phones_are_checked_and_written_in_international_format():
    council = CouncilFactory.build(unit=HromadaFactory(), phone="057 700 00 00")
    council.full_clean()
    assert council.phone == "+380 57 700 0000"
    assert council.phone_uri == "tel:+380-57-700-0000"
    council.phone = "12"
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert "phone" in error.value.message_dict


@pytest.mark.parametrize("slug", ["association", "open-data"])
def test_a_council_cannot_take_the_address_of_another_page(slug):
    council = CouncilFactory.build(unit=HromadaFactory(), slug=slug)
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert "slug" in error.value.message_dict


def test_emblems_must_be_images_that_decode():
    field = Council._meta.get_field("emblem").formfield()
    emblem = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 58, 122)).save(emblem, "PNG")
    assert field.clean(SimpleUploadedFile("emblem.png", emblem.getvalue()))
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("emblem.png", emblem.getvalue()[:60]))  # truncated
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("emblem.png", pdf_bytes()))
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("emblem.svg", b"<svg/>"))


def test_units_of_a_raion_and_its_hromada_councils():
    raion = RaionFactory()
    raion_council = CouncilFactory(unit=raion, kind="raion", hromada_type="")
    inside = CouncilFactory(unit=HromadaFactory(parent=raion))
    CouncilFactory(unit=HromadaFactory(parent=RaionFactory()))  # another raion's hromada
    assert set(Council.objects.in_raion(raion)) == {raion_council, inside}
    assert inside.raion == raion
    assert raion_council.raion == raion
    assert TerritorialUnit.objects.raions().count() == 2
