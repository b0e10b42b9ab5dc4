"""A program manager's list of applications on an ordinary office laptop (1366 × 768)."""

import pytest

from members.models import Council
from programs.factories import ApplicationFactory, ProgramFactory
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_application_list_fits_a_1366_pixel_screen(page, django_user_model):
    page.set_viewport_size({"width": 1366, "height": 768})
    # The longest names the registry and the programs have, so the columns are at their widest.
    councils = make_hromadas(2)
    Council.objects.filter(pk=councils[0].pk).update(
        name_uk="Старосалтівська селищна рада Чугуївського району Харківської області"
    )
    program = ProgramFactory(
        title_uk="Школа міжмуніципального співробітництва та спільного планування розвитку "
        "територій громад Харківщини"
    )
    for council in councils:
        ApplicationFactory(
            program=program,
            lead_council=council,
            contact_name="Олександра Костянтинівна Вишневецька-Дорошенко",
        )
    django_user_model.objects.create_superuser("manager", password="a-long-password-1")
    page.goto(page.base_url + "/admin/login/?next=/admin/programs/application/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/programs/application/")

    # The list scrolls inside its own box when too wide: a column must be inside that box.
    shown = page.locator("#changelist .results").bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 1366
    for column in ("number", "lead_hromada", "status", "program_short", "email_status"):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box is not None, column
        assert box["x"] + box["width"] <= shown["x"] + shown["width"], (column, box, shown)
    hidden = page.evaluate(
        "(() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth - r.clientWidth; })()"
    )
    assert hidden <= 0, f"the list scrolls sideways by {hidden} px"
    assert page.requests_elsewhere == []
