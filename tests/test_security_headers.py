"""Finding 5 of issue 16: a strict Content-Security-Policy and a Permissions-Policy on every
response, and HEAD on /healthz. The browser side: tests/e2e/test_security_journey.py."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", ["/", "/en/", "/news/", "/no-such-page/", "/healthz"])
def test_every_response_has_a_strict_content_security_policy(client, path):
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'self'"]  # no nonce: nothing on a public page needs one
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not [value for values in policy.values() for value in values if "unsafe" in value]


def test_the_admin_form_allows_only_its_own_import_map(admin_client):
    response = admin_client.get("/admin/news/article/add/")
    nonce = [value for value in directives(response)["script-src"] if value.startswith("'nonce-")]
    assert len(nonce) == 1
    html = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce[0][7:-1]}">' in html
    assert html.count('<script type="importmap"') == 1


@pytest.mark.parametrize("path", ["/", "/healthz", "/static/css/site.css"])
def test_powerful_browser_features_are_denied(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_healthz_answers_head(client):
    response = client.head("/healthz")
    assert response.status_code == 200
