"""The strict Content-Security-Policy and Permissions-Policy (portal/settings.py) in a real
Chromium: public pages and the admin's editing form run with no violation and no warning."""

import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from media.factories import ImageFactory
from news.factories import ArticleFactory, CategoryFactory, EventFactory
from pages.factories import PageFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Every blocked inline script, style, eval or file is reported to the page as an event.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), "#2e6f40").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="cover.jpg")


@pytest.fixture
def watched(page):
    """The page, with the policy violations and the console's complaints about policies
    recorded (Chromium names the hash or nonce a blocked inline element would need)."""
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.complaints = []

    def complain(message):
        if "Policy" in message.text:
            page.complaints.append(f"{message.type}: {message.text}")

    page.on("console", complain)
    return page


def visit(page, path):
    response = page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    assert violations == [], (path, violations)
    return response


def test_public_pages_run_under_the_policy_with_no_violation(watched):
    category = CategoryFactory(name_uk="Новини Асоціації")
    article = ArticleFactory(
        title_uk="Освітня програма SPACES",
        body_uk="<h2>Що робитимуть учасники</h2><p>Навчаються.</p>",
        categories=[category],
        cover=ImageFactory(file=jpeg(), alt_uk="Схема"),
    )
    event = EventFactory(title_uk="Форум громад")
    PageFactory(slug="about", title_uk="Про Центр")
    paths = ["/", "/en/", "/news/", article.get_absolute_url(), "/events/"]
    paths += [event.get_absolute_url(), "/members/", "/programs/", "/about/", "/search/?q=SPACES"]
    for path in paths:
        response = visit(watched, path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe" not in policy
        assert "camera=()" in response.headers["permissions-policy"]
    # the article's JSON-LD is data, never run: the policy lets it be and it is still there
    visit(watched, article.get_absolute_url())
    assert watched.locator('script[type="application/ld+json"]').count() == 1
    assert watched.complaints == [], "\n".join(sorted(set(watched.complaints)))


def test_the_admin_editing_form_works_under_the_policy(watched, live_server, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", password="a-long-password-1")
    article = ArticleFactory(title_uk="Освітня програма SPACES", body_uk="<p>Текст</p>")
    client = Client()
    client.force_login(editor)
    watched.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for path in ["/admin/", "/admin/news/article/"]:
        visit(watched, path)
    visit(watched, f"/admin/news/article/{article.pk}/change/")
    # django-prose-editor's editor, in use
    editor_area = watched.locator(".ProseMirror >> visible=true").filter(has_text="Текст").first
    editor_area.click()
    watched.keyboard.type(" Ще")
    assert "Текст Ще" in editor_area.inner_text()
    # modeltranslation's tabs: the English tab of the first field opens
    tabs = watched.locator(".ui-tabs").first
    tabs.locator(".ui-tabs-nav a").nth(1).click()
    assert tabs.locator(".ui-tabs-nav li").nth(1).get_attribute("aria-selected") == "true"
    assert watched.evaluate("window.__violations") == []
    assert watched.complaints == [], "\n".join(sorted(set(watched.complaints)))
