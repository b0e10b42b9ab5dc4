from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from pages.models import SiteNotice
from tests.helpers import read_site_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


def test_a_scheduled_notice_appears_and_disappears_by_itself(client, now):
    SiteNotice.objects.create(
        message_uk="Планові технічні роботи",
        message_en="Planned maintenance",
        severity="warning",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
    )
    assert "Планові технічні роботи" not in client.get("/").content.decode()
    with time_machine.travel(now + timedelta(hours=2)):
        html = client.get("/").content.decode()
        assert "Планові технічні роботи" in html
        assert "Попередження:" in html
        assert "Planned maintenance" in client.get("/en/").content.decode()
    with time_machine.travel(now + timedelta(hours=4)):
        assert "Планові технічні роботи" not in client.get("/").content.decode()


def test_hiding_a_notice_works_without_javascript_and_returns_to_the_page(client, now):
    notice = SiteNotice.objects.create(message_uk="Зміна графіка прийому", starts_at=now)
    response = client.get(f"/notices/{notice.pk}/hide/?next=/about/")
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert "Зміна графіка прийому" not in client.get("/").content.decode()


def test_urgent_notices_that_must_stay_cannot_be_hidden(client, now):
    notice = SiteNotice.objects.create(
        message_uk="Повітряна тривога: прийом громадян перенесено",
        severity="urgent",
        dismissible=False,
        starts_at=now,
    )
    html = client.get("/").content.decode()
    assert "Терміново:" in html
    assert f"/notices/{notice.pk}/hide/" not in html
    client.get(f"/notices/{notice.pk}/hide/")
    assert "Повітряна тривога" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_hiding_never_redirects_elsewhere(client, now, next_url):
    notice = SiteNotice.objects.create(message_uk="Оголошення", starts_at=now)
    response = client.get(f"/notices/{notice.pk}/hide/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_malformed_cookie_is_ignored(client, now):
    SiteNotice.objects.create(message_uk="Оголошення для всіх", starts_at=now)
    client.cookies["dismissed_notices"] = "abc.--.99999999999999999999.<script>"
    response = client.get("/")
    assert response.status_code == 200
    assert "Оголошення для всіх" in response.content.decode()


def test_hiding_an_unknown_notice_is_harmless(client):
    assert client.get("/notices/999/hide/").status_code == 302


def test_notices_cost_one_query_however_many(client, now, django_assert_num_queries):
    for i in range(5):
        SiteNotice.objects.create(message_uk=f"Оголошення {i}", starts_at=now)
    # The banner, the association's name in the footer and the published page tree (the
    # menus) are read once per content version; the one query is for a moved page's address.
    read_site_parts(client)
    with django_assert_num_queries(1):
        html = client.get("/about-nothing/").content.decode()  # a 404 page shows the banner
    assert all(f"Оголошення {i}" in html for i in range(5))


def test_urgent_notices_come_first(client, now):
    SiteNotice.objects.create(message_uk="Звичайне", starts_at=now - timedelta(minutes=1))
    SiteNotice.objects.create(
        message_uk="Важливе", severity="urgent", starts_at=now - timedelta(days=1)
    )
    html = client.get("/").content.decode()
    assert html.index("Важливе") < html.index("Звичайне")
