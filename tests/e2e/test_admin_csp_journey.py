"""The admin's change forms that use django-content-editor (the page tree) and the program's
(inlines, the documents of the library) run under the strict policy with a clean console."""

import pytest
from django.test import Client

from documents.factories import AttachmentFactory
from pages.factories import PageFactory, RichTextFactory
from programs.factories import ProgramFactory, StudyVisitFactory

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def signed_in(page, live_server, django_user_model):
    user = django_user_model.objects.create_superuser("editor", password="a-long-password-1")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = []

    def complain(message):
        if message.type in ("error", "warning"):
            page.console_errors.append(f"{message.type}: {message.text}")

    page.on("console", complain)
    page.on("pageerror", lambda error: page.console_errors.append(f"pageerror: {error}"))
    return page


def open_clean(page, path):
    response = page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, path
    assert page.evaluate("window.__violations") == [], path
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_the_page_and_program_change_forms_log_no_policy_error(
    page, live_server, django_user_model
):
    page = signed_in(page, live_server, django_user_model)
    about = PageFactory(slug="about", title_uk="Про Центр")
    RichTextFactory(parent=about)
    open_clean(page, f"/admin/pages/page/{about.pk}/change/")
    # content-editor runs: its block buttons are there, its "hide" label styled by its rules
    assert page.locator(".order-machine .inline-related").count() >= 1
    label = page.locator(".order-machine .inline-related .inline_label").first
    after = label.evaluate("(el) => getComputedStyle(el, '::after').content")
    assert "Сховати" in after or "Hide" in after, after
    open_clean(page, "/admin/pages/page/add/")

    # The tree list: indented by class (tree_queries writes a style attribute, refused).
    PageFactory(parent=PageFactory(parent=about, title_uk="Команда"), title_uk="Склад ради")
    open_clean(page, "/admin/pages/page/")
    indents = {
        title: page.locator(".box-text", has_text=title).evaluate(
            "(el) => getComputedStyle(el).textIndent"
        )
        for title in ("Про Центр", "Команда", "Склад ради")
    }
    assert indents == {"Про Центр": "0px", "Команда": "30px", "Склад ради": "60px"}

    program = ProgramFactory()
    StudyVisitFactory(program=program)
    AttachmentFactory(content_object=program)
    open_clean(page, f"/admin/programs/program/{program.pk}/change/")
    open_clean(page, "/admin/programs/program/add/")
