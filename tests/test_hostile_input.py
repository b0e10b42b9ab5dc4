"""Hostile input: no 5xx from any input on any public address, and XSS inert everywhere.

Issue 16, "Hostile input as tests". The public addresses come from the URLconf, the sitemap
and a site with one of everything made by the apps' factories (tests/hostile.py), so a new
page is covered as soon as it exists. Generated inputs (hypothesis): unicode, NUL and other
control characters, malformed percent-encoding, huge numbers, 10,000-character strings, SQL
and template syntax, odd cookies, odd headers, POST bodies in odd charsets and content types.

The group runs alone with `-m hostile`. `make test` runs a quick sample; `make hostile` a
larger one (HOSTILE_EXAMPLES generated requests, HOSTILE_XSS_ROUNDS rotations of the XSS
corpus through the text fields). The numbers tried are printed.
"""

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs.forms import ApplicationForm
from programs.models import Application
from submissions import tokens
from tests.hostile import (
    CHARSETS,
    CONTENT_TYPES,
    COOKIE_NAMES,
    ENCODINGS,
    HEADERS,
    XSS_PAYLOADS,
    danger_profile,
    dangers,
    make_site,
    malformed,
    on_the_wire,
    public_urls,
    text_fields,
    text_for,
    texts,
)

pytestmark = [pytest.mark.django_db, pytest.mark.hostile]

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "200"))
XSS_ROUNDS = int(os.environ.get("HOSTILE_XSS_ROUNDS", "1"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout; a failure prints its example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The form page is heavier (every council of the oblast in its lists): a quarter as many.
FORM_SETTINGS = settings(FUZZ_SETTINGS, max_examples=max(EXAMPLES // 4, 10))


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """The generated POSTs come from one address; the limit itself has its own tests."""
    settings.PROGRAM_APPLICATION_RATE = "1000000/h"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site():
    return make_site()


@pytest.fixture
def media_root(settings):
    """The folder /media/ serves from (MEDIA_ROOT, read at each request: this test's own);
    it must exist for a long name to reach the file system."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def urls(client, site):
    return public_urls(client, site)


def hostile_client():
    """A client as an attacker has: CSRF enforced, and a 500 answered, not raised."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def describe(response):
    error = getattr(response, "exc_info", None)
    return f"{response.status_code}: {error[0].__name__}: {error[1]}" if error else ""


def report(capsys, text):
    with capsys.disabled():
        print(f"\n[hostile] {text}")


# --- no 5xx from generated input on any public address ---


@dataclass
class HostileRequest:
    method: str
    path: str
    query: str = ""
    extra: dict = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""
    slot: str = ""

    def send(self):
        extra = dict(self.extra)
        if self.query:
            extra["QUERY_STRING"] = self.query
        return hostile_client().generic(
            self.method, self.path, data=self.body, content_type=self.content_type, **extra
        )


def wire(slot):
    return st.one_of(
        st.builds(on_the_wire, texts, st.sampled_from(ENCODINGS), st.just(slot)), malformed
    )


@st.composite
def hostile_requests(draw, urls):
    url = draw(st.sampled_from(urls))
    slot = draw(st.sampled_from(["path", "append", "query", "cookie", "header", "post"]))
    request = HostileRequest(
        method=draw(st.sampled_from(["GET", "HEAD"])), path=url.path, slot=slot
    )
    if slot == "path":
        segments = url.path.split("/")
        spots = [index for index, segment in enumerate(segments) if segment] or [1]
        segments[draw(st.sampled_from(spots))] = draw(wire("path"))
        request.path = "/".join(segments)
    elif slot == "append":
        request.path = (
            url.path.rstrip("/") + "/" + draw(wire("path")) + draw(st.sampled_from(["", "/"]))
        )
    elif slot == "query":
        names = st.one_of(st.sampled_from(url.parameters), wire("query"))
        pairs = draw(st.lists(st.tuples(names, wire("query")), min_size=1, max_size=4))
        request.query = "&".join(f"{name}={value}" for name, value in pairs)
    elif slot == "cookie":
        name = draw(st.one_of(st.sampled_from(COOKIE_NAMES), wire("cookie")))
        request.extra["HTTP_COOKIE"] = f"{name}={draw(wire('cookie'))}"
    elif slot == "header":
        request.extra[draw(st.sampled_from(HEADERS))] = draw(wire("header"))
    else:
        request.method = "POST"
        charset = draw(st.sampled_from(CHARSETS))
        content_type = draw(st.sampled_from(CONTENT_TYPES))
        request.content_type = f"{content_type}; charset={charset}" if charset else content_type
        name = draw(st.sampled_from(url.parameters))
        request.body = f"{name}={draw(wire('body'))}".encode("latin-1")
        if draw(st.booleans()):  # with a CSRF cookie, the middleware reads the body
            request.extra["HTTP_COOKIE"] = "csrftoken=" + "a" * 32
    return request


def test_every_public_address_answers_generated_input_without_a_server_error(urls, capsys):
    tried = Counter()
    statuses = Counter()

    @FUZZ_SETTINGS
    @given(hostile_requests(urls))
    def check(request):
        response = request.send()
        tried[request.slot] += 1
        statuses[response.status_code] += 1
        assert response.status_code < 500, (request, describe(response))

    check()
    report(
        capsys,
        f"{sum(tried.values())} generated requests to {len(urls)} public addresses "
        f"({dict(tried)}); answers {dict(sorted(statuses.items()))}",
    )
    assert sum(tried.values()) >= min(EXAMPLES, 100)


# Each address with every parameter it takes set at once, to values that broke sites before
# (NUL, broken UTF-8, a lone %, a huge number; SQL and template syntax): whatever hypothesis
# draws, every address gets these.
FIXED_VALUES = ["%00%C3%28%zz%" + "9" * 400, "-1%27%20OR%201%3D1--%7B%7B7*7%7D%7D%25s"]


def test_every_public_address_takes_every_parameter_broken_at_once(urls, capsys):
    count = 0
    for url in urls:
        for value in FIXED_VALUES:
            query = "&".join(f"{name}={value}" for name in url.parameters)
            response = HostileRequest("GET", url.path, query=query).send()
            count += 1
            assert response.status_code < 500, (url.path, query, describe(response))
    report(capsys, f"{count} requests with every parameter broken, on {len(urls)} addresses")


# --- the application form: every field generated ---

FORM_FIELDS = (
    "lead_council",
    "partner_councils",
    "contact_name",
    "contact_position",
    "contact_email",
    "contact_phone",
    "motivation",
    "consent",
    "form_token",
    "website",
)


def form_token(client):
    """A token for the application form in `client`'s session, as if shown a minute ago."""
    session = client.session
    token = tokens.issue(session, ApplicationForm.submission_name, time.time() - 60)
    session.save()
    return token


def valid_application(site, client):
    return {
        "lead_council": str(site.council.pk),
        "contact_name": "Олена Петренко",
        "contact_position": "Заступниця голови громади",
        "contact_email": "olena@example.org",
        "contact_phone": "050 123 45 67",
        "motivation": "Ми хочемо разом розвивати громади Харківщини. " * 10,
        "consent": "on",
        "form_token": form_token(client),
        "website": "",
    }


def test_the_application_form_answers_generated_fields_without_a_server_error(site, capsys):
    url = reverse("programs:apply", args=[site.program.slug])
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(url)
    token = client.cookies["csrftoken"].value
    tried = Counter()

    @FORM_SETTINGS
    @given(
        st.dictionaries(
            st.sampled_from(FORM_FIELDS),
            st.one_of(texts, st.lists(texts, max_size=3)),
            min_size=1,
            max_size=len(FORM_FIELDS),
        )
    )
    def check(changes):
        data = valid_application(site, client) | changes | {"csrfmiddlewaretoken": token}
        tried["fields"] += len(changes)
        response = client.post(url, data)
        tried[response.status_code] += 1
        assert response.status_code < 500, (changes, describe(response))

    check()
    report(
        capsys,
        f"{sum(v for k, v in tried.items() if isinstance(k, int))} generated applications, "
        f"{tried['fields']} generated field values; "
        f"{Application.objects.count() - 1} of them were valid and stored",
    )


# --- the 500s found from outside (issue 16, finding 6) ---


@pytest.mark.parametrize("where", ["home", "news", "english", "hide"])
def test_a_dismissed_notices_cookie_with_a_superscript_digit_is_no_server_error(site, where):
    path = {
        "home": "/",
        "news": "/news/",
        "english": "/en/programs/",
        # the page that would set the cookie anew
        "hide": reverse("pages:dismiss-notice", args=[site.notice.pk]),
    }[where]
    cookie = "dismissed_notices=" + "1.²".encode().decode("latin-1")
    response = hostile_client().get(path, HTTP_COOKIE=cookie)
    assert response.status_code < 500, describe(response)


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "cp1251", "koi8-u"])
@pytest.mark.parametrize("where", ["home", "apply", "about", "search"])
def test_a_post_in_a_non_utf8_charset_is_no_server_error(site, charset, where):
    path = {
        "home": "/",
        "apply": reverse("programs:apply", args=[site.program.slug]),
        "about": "/en/about/",
        "search": "/en/search/",
    }[where]
    response = hostile_client().generic(
        "POST",
        path,
        data="contact_name=Олена".encode(charset, errors="replace"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        HTTP_COOKIE="csrftoken=" + "a" * 32,
    )
    assert response.status_code < 500, describe(response)


@pytest.mark.parametrize("name", ["a" * 256, "я" * 128, "a" * 10_000])
def test_a_media_path_longer_than_the_file_system_allows_is_no_server_error(media_root, name):
    response = hostile_client().get(f"/media/{name}")
    assert response.status_code < 500, describe(response)


# --- XSS: every text field staff or the public fill, inert on every page that shows it ---


def test_the_corpus_is_large_enough_and_the_inspector_catches_every_payload():
    assert len(XSS_PAYLOADS) >= 40
    # The inspector itself must see the danger in each raw payload, in text or in an
    # attribute it breaks out of (or it proves nothing).
    contexts = ["{}", '<p title="{}">', "<p title='{}'>", "<textarea>{}"]
    assert [
        payload
        for payload in XSS_PAYLOADS
        if not any(dangers(context.replace("{}", payload)) for context in contexts)
    ] == []


def admin_urls(objects):
    urls = set()
    for obj in objects:
        model = type(obj)
        if admin.site.is_registered(model):
            opts = model._meta
            urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return sorted(urls)


def fill_text_fields(objects, pieces, start=0):
    """Every text field of every object gets what it holds of `pieces`, saved as the admin
    saves (rich text is sanitised on save). Returns {(model, field): text}."""
    filled = {}
    for number, obj in enumerate(objects):
        obj.refresh_from_db()
        for model_field in text_fields(type(obj)):
            text = text_for(model_field, pieces, start + number)
            if text is not None:
                setattr(obj, model_field.attname, text)
                filled[(type(obj).__name__, model_field.name)] = text
        obj.save()
    return filled


MARKUP = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml")


def page_profile(response):
    """What could run in a page. A CSV, JSON or calendar answer holds the text as it is,
    which is right: browsers do not read it as markup, being told its type and no sniffing."""
    content_type = response["Content-Type"].split(";")[0]
    if content_type in MARKUP or content_type.endswith("/xml"):
        return danger_profile(response.content.decode())
    assert response["X-Content-Type-Options"] == "nosniff", response.wsgi_request.path
    return content_type


def what_changed(before, after):
    if isinstance(before, str) or isinstance(after, str):
        return before, after
    return {
        "new": sorted((Counter(after[0]) - Counter(before[0])).elements()),
        "<script": (before[1], after[1]),
    }


def test_xss_in_every_text_field_is_inert_on_every_page_that_shows_it(
    client, site, urls, admin_client, capsys
):
    """Each page has the same things that could run with the payloads in every text field
    of news, programs, members and pages as it has with harmless text: the public pages in
    both languages, the feeds, calendars and sitemaps, search results, and the admin's lists
    and forms (staff read what the public sent, e.g. an application)."""
    public = [url.path for url in urls if not url.path.startswith("/media/")]
    searches = ["/search/?q=alert", "/en/search/?q=alert", "/search/?q=script"]
    staff = admin_urls(site.objects)

    def profiles():
        pages = {path: client.get(path) for path in public + searches}
        pages |= {path: admin_client.get(path) for path in staff}
        for path, response in pages.items():
            assert response.status_code < 500, path
        return {path: page_profile(response) for path, response in pages.items()}

    fill_text_fields(site.objects, ["Безпечний текст. "])
    harmless = profiles()
    placed = Counter()
    for round_number in range(XSS_ROUNDS):
        start = round_number * len(XSS_PAYLOADS) // XSS_ROUNDS
        filled = fill_text_fields(site.objects, XSS_PAYLOADS, start)
        for text in filled.values():
            placed.update(payload for payload in XSS_PAYLOADS if payload in text)
        with_payloads = profiles()
        changed = {
            path: what_changed(harmless[path], profile)
            for path, profile in with_payloads.items()
            if profile != harmless[path]
        }
        assert changed == {}, f"round {round_number}: pages where the payloads are not inert"
    report(
        capsys,
        f"{len(XSS_PAYLOADS)} XSS payloads, {sum(placed.values())} placements in "
        f"{len(filled)} text fields of {len({model for model, _ in filled})} models, "
        f"{XSS_ROUNDS} rounds, each checked on {len(harmless)} pages "
        f"({len(staff)} of them in the admin)",
    )
    assert placed.keys() == set(XSS_PAYLOADS)


def test_xss_sent_with_the_application_form_is_inert_for_the_applicant_and_staff(
    site, admin_client, capsys
):
    """What the public types is shown back on the form (with errors), on the thank-you page
    and to staff in the admin; each page is the same with the payloads as with plain text."""
    url = reverse("programs:apply", args=[site.program.slug])
    motivation = "".join(XSS_PAYLOADS)
    hostile = {
        "contact_name": XSS_PAYLOADS[0] + XSS_PAYLOADS[-1],
        "contact_position": XSS_PAYLOADS[2] + XSS_PAYLOADS[-4],
        "contact_email": '"<script>alert(1)</script>"@example.org',
        "motivation": motivation,
    }
    plain = {
        "contact_name": "Олена Петренко",
        "contact_position": "Заступниця голови",
        "contact_email": '"olena.petrenko"@example.org',
        "motivation": "Текст " * (len(motivation) // 6),
    }

    def pages(values):
        client = Client()
        with_errors = client.post(url, valid_application(site, client) | values | {"consent": ""})
        assert with_errors.status_code == 200
        sent = client.post(url, valid_application(site, client) | values)
        assert sent.status_code == 302, describe(sent)
        application = Application.objects.latest("pk")
        done = client.get(sent.url)
        change = reverse("admin:programs_application_change", args=[application.pk])
        changelist = reverse("admin:programs_application_changelist")
        profiles = [danger_profile(r.content.decode()) for r in (with_errors, done)]
        profiles += [
            danger_profile(admin_client.get(path).content.decode()) for path in (change, changelist)
        ]
        application.delete()
        return profiles

    assert pages(hostile) == pages(plain)
    report(capsys, f"{len(hostile)} form fields with XSS payloads, checked on 4 pages")
