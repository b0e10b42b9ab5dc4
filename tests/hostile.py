"""Hostile input for the tests: XSS payloads and an inspector that finds what could run,
generated hostile values (hypothesis strategies), a site with one of everything made by the
apps' factories, and the site's public addresses found from the URLconf, the sitemap and
that data rather than typed out."""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse, translate_url
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone, translation
from hypothesis import strategies as st
from modeltranslation.translator import NotRegistered, translator

from documents.factories import AttachmentFactory
from documents.factories import DocumentFactory as LibraryDocumentFactory
from documents.factories import TopicFactory as DocumentTopicFactory
from legalhelp.factories import ConsultationFactory, LegalActFactory, RequestFactory, TopicFactory
from media.factories import ImageFactory
from members.factories import CouncilFactory, HromadaFactory, RaionFactory
from members.models import Association, BoardPost
from news.factories import ArticleFactory, CategoryFactory, EventFactory
from pages.factories import ContactCardFactory, PageFactory, RichTextFactory
from pages.models import CallToAction, DocumentsBlock, ImageBlock, Page, SiteNotice
from programs.factories import (
    ApplicationFactory,
    MentorFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramItemFactory,
    SelectionStageFactory,
    StudyVisitFactory,
)
from programs.models import ProgramParticipation
from registrations.models import Registrant, RegistrationSettings
from subscriptions.models import Subscriber
from tests.helpers import sitemap_xml
from tests.plugin_app.models import Bulletin

# --- XSS: the payloads, and an inspector of what could run in a page ---

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p onclick="alert(1)">text</p>',
    '<p style="background:url(javascript:alert(1))">text</p>',
    "<style>body{background:red}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>"
    "</mglyph></table></mtext></math>",
    "<<script>script>alert(1)<</script>/script>",
    '<img """><script>alert(1)</script>">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<div/onmouseover="alert(1)">x</div>',
    '<base href="javascript:alert(1)//">',
    '<a href="#" onmouseover="alert(1)">x</a>',
    '<blockquote cite="javascript:alert(1)" onmouseenter="alert(1)">q</blockquote>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    '<h2 id="x" onmouseover=alert(1)>Heading</h2>',
    # Breaking out of an attribute, a JSON-LD block or a textarea the text is put in.
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '" onmouseover="alert(1)" x="',
]

# Attributes whose value a browser follows as an address: a scripted scheme there runs.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "srcset",
    "poster",
    "cite",
    "background",
    "xlink:href",
    "ping",
}


class _Inspector(HTMLParser):
    """Collects whatever could run: script-like elements, handlers, styles, scripted URLs."""

    DANGEROUS_TAGS = {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "form",
        "input",
        "link",
        "meta",
        "base",
        "template",
        "noscript",
        "details",
        "video",
        "source",
        "img",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            compact = "".join((value or "").split()).lower()
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"{tag}[{name}={value}]")


def dangers(html):
    inspector = _Inspector()
    inspector.feed(html)
    return inspector.problems


def danger_profile(html):
    """What could run in a page: the same with hostile text as with harmless text, or the
    hostile text got out. `<script` is counted in the raw text as well, for breakouts the
    parser would read differently from a browser."""
    return sorted(dangers(html)), html.count("<script"), html.lower().count("<script")


# --- every text field staff or the public fill, and text that fits it ---

SKIPPED_FIELD_CLASSES = (models.SlugField, models.URLField, models.EmailField, models.FilePathField)


def text_fields(model):
    """The model's editable text fields, each language's column of a translated field (the
    field itself is a proxy of the active language's column). Slugs, addresses and
    choices are other kinds of value, with validators of their own."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, SKIPPED_FIELD_CLASSES)
        and field.editable
        and not field.unique  # an identifier (a KATOTTG code), not text
        and not field.choices
        and field.name not in translated
    ]


def text_for(field, pieces, start=0):
    """As many of `pieces` as the field holds and its validators accept, from `start` on
    (rotating), or None when not even one fits (a phone number, a KATOTTG code)."""
    limit = field.max_length or 1_000_000
    chosen = []
    for offset in range(len(pieces)):
        piece = pieces[(start + offset) % len(pieces)]
        candidate = "".join([*chosen, piece])
        if len(candidate) > limit:
            continue
        try:
            field.run_validators(candidate)
        except ValidationError:
            continue
        chosen.append(piece)
    return "".join(chosen) or None


# --- a site with one of everything, made by the apps' own factories ---


@dataclass
class Site:
    objects: list = field(default_factory=list)
    program: object = None
    council: object = None
    notice: object = None
    application: object = None


def make_site():
    """One of every content object the public pages show, published and linked together."""
    raion = RaionFactory()
    council = CouncilFactory(unit=HromadaFactory(parent=raion))
    other = CouncilFactory(unit=HromadaFactory(parent=raion))
    category = CategoryFactory()
    # One library image in every kind of use: covers, a page block, rich text.
    image = ImageFactory()
    article = ArticleFactory(categories=[category], councils=[council], cover=image)
    event = EventFactory(categories=[category], councils=[council])
    past_event = EventFactory(
        starts_at=timezone.now() - timedelta(days=30), ends_at=timezone.now() - timedelta(days=29)
    )
    organisation = OrganisationFactory()
    program = ProgramFactory(accepting=True, organiser=organisation, min_group_size=1, cover=image)
    program.partners.set([organisation])
    rows = [
        SelectionStageFactory(program=program),
        ProgramItemFactory(program=program),
        MentorFactory(program=program, name_uk="Олена Іваненко", organisation=organisation),
        StudyVisitFactory(program=program),
        AttachmentFactory(content_object=program),
    ]
    participation = ProgramParticipation.objects.create(program=program, council=council)
    association = Association.objects.create(name_uk="Асоціація", lead_uk="Вступ")
    board = BoardPost.objects.create(post_uk="Голова правління", council=council)
    statute = AttachmentFactory(content_object=association)
    document_topic = DocumentTopicFactory()
    document = LibraryDocumentFactory(topics=[document_topic], issued_on=timezone.now().date())
    about = PageFactory(slug="about", menu=Page.Menu.HEADER, cover=image)
    pages = [
        about,
        PageFactory(slug="privacy", menu=Page.Menu.FOOTER, kind=Page.Kind.PRIVACY),
        PageFactory(slug="kontakty", parent=about, kind=Page.Kind.CONTACTS),
    ]
    blocks = [
        RichTextFactory(
            parent=pages[2],
            text_uk=f'<p>Текст</p><figure data-library-image="{image.pk}"></figure>',
        ),
        ContactCardFactory(parent=pages[2]),
        ImageBlock.objects.create(parent=about, region="main", ordering=30, image=image),
        CallToAction.objects.create(
            parent=about,
            region="main",
            ordering=40,
            text_uk="Дія",
            link_label_uk="Далі",
            url_uk="/",
        ),
    ]
    documents_block = DocumentsBlock.objects.create(parent=about, region="main", ordering=50)
    documents_block.documents.set([document])
    notice = SiteNotice.objects.create(
        message_uk="Оголошення",
        link_url="https://example.org/",
        link_text_uk="Докладніше",
        starts_at=timezone.now() - timedelta(hours=1),
    )
    application = ApplicationFactory(program=program, lead_council=council)
    application.partner_councils.set([other])
    # registration for the event, someone registered, a subscriber: their signed links
    registration = RegistrationSettings.objects.create(event=event, capacity=10)
    registrant = Registrant.objects.create(
        event=event,
        name="Олена Петренко",
        email="olena@example.org",
        language="uk",
        status="confirmed",
        consent_given_at=timezone.now(),
    )
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="uk", status="active", topics=["news"]
    )
    # the content type that exists only in the tests (tests/plugin_app) has pages too
    bulletin = Bulletin.objects.create(
        title="Бюлетень", status="published", publish_at=timezone.now() - timedelta(hours=1)
    )
    # the knowledge base and the desk (legalhelp): a topic, an act, a consultation citing it
    topic = TopicFactory()
    act = LegalActFactory()
    consultation = ConsultationFactory(topics=[topic], acts=[act])
    consultation_request = RequestFactory(council=council, topic=topic)
    objects = [
        raion,
        council.unit,
        council,
        other,
        category,
        article,
        event,
        past_event,
        organisation,
        program,
        *rows,
        participation,
        association,
        board,
        statute,
        topic,
        document,
        image,
        *pages,
        *blocks,
        documents_block,
        notice,
        application,
        bulletin,
        registration,
        registrant,
        subscriber,
        topic,
        act,
        consultation,
        consultation_request,
    ]
    return Site(objects, program, council, notice, application)


# --- the public addresses: from the URLconf, the sitemap and the data ---

# Query parameters every address is tried with, beside those its own forms send.
COMMON_PARAMETERS = ("page", "q", "next", "ref", "kind", "category", "year", "raion", "status")


@dataclass
class PublicUrl:
    path: str
    name: str
    parameters: tuple = ()


def url_names():
    """The name of every named URL pattern outside the admin, with its namespace."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                if inner == "admin":
                    continue
                yield from walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern

    return dict(walk(get_resolver().url_patterns, None))


def _view_name(path):
    language = "en" if path.startswith("/en/") else "uk"
    with translation.override(language):
        try:
            return resolve(urlsplit(path).path).view_name
        except Resolver404:
            return None


def _form_parameters(html):
    """Names of the fields of the page's GET forms."""
    names = set()
    for form in re.findall(r"<form\b(.*?)</form>", html, re.S | re.I):
        if re.search(r'method="post"', form, re.I):
            continue
        names.update(re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', form))
    return names


def public_urls(client, site):
    """Every public address in both languages, with the query parameters it takes.

    The sitemap lists the pages; each named pattern it does not reach (the feeds, the
    calendars, the application form, the thank-you page, the notices' hide link) is reversed
    with the data's own slugs and keys, preferring an address that is not a 404. Uploaded
    files under /media/ are public too. Fails when a pattern finds no address, so a new page
    is fuzzed as soon as it exists (or the test says which data it lacks)."""
    paths = {"/", "/sitemap.xml", "/robots.txt"}
    for location in re.findall(r"<loc>(.*?)</loc>", sitemap_xml(client)):
        paths.add(urlsplit(location.replace("&amp;", "&")).path)
    index = client.get("/sitemap.xml").content.decode()
    paths.update(urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", index))
    names = url_names()
    covered = {_view_name(path) for path in paths}
    candidates = {
        "slug": [obj.slug for obj in site.objects if getattr(obj, "slug", "")],
        "int": [site.notice.pk, *(obj.pk for obj in site.objects)],
        "string": [obj.token for obj in site.objects if getattr(obj, "token", "")],
        "path": [],
    }
    missing = []
    for name, pattern in names.items():
        if name in covered:
            continue
        converters = pattern.pattern.converters
        found = []
        options = [{}]
        for kwarg, converter in converters.items():
            kind = type(converter).__name__.removesuffix("Converter").lower()
            options = [
                {**option, kwarg: value}
                for option in options
                for value in dict.fromkeys(candidates.get(kind, []))
            ]
        for kwargs in options:
            try:
                found.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                continue
        if not found:
            missing.append(name)
            continue
        paths.add(next((path for path in found if client.get(path).status_code != 404), found[0]))
    assert missing == [], f"no address for the URL patterns {missing}: give make_site() data"
    for path in list(paths):
        if _view_name(path) and not path.startswith("/en/"):
            english = translate_url(path, "en")
            if english != path:
                paths.add(english)
    for obj in site.objects:
        for model_field in obj._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and getattr(obj, model_field.name):
                paths.add(getattr(obj, model_field.name).url)
    urls = []
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code < 500, path
        readable = response.status_code == 200 and not response.streaming
        html = response.content.decode(errors="replace") if readable else ""
        parameters = tuple(sorted(set(COMMON_PARAMETERS) | _form_parameters(html)))
        urls.append(PublicUrl(path, _view_name(path) or "media", parameters))
    return urls


# --- hostile values ---

SQL = [
    "' OR '1'='1",
    "1' OR 1=1--",
    "'; DROP TABLE news_article;--",
    "1 UNION SELECT NULL, version()--",
    "%' AND pg_sleep(5)--",
    "1)) OR ((1=1",
    "' || (SELECT current_user) || '",
    "\\'",
    "$$; SELECT 1; $$",
    "1;COPY (SELECT '') TO PROGRAM 'id'",
]
TEMPLATE = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{{ settings.SECRET_KEY }}",
    "{% load log %}{% get_admin_log 10 as log %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "%(name)s",
    "{0.__class__}",
    "%s%s%s%n",
    "{{",
    "{%",
]
TRAVERSAL = [
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "....//....//",
    "/etc/passwd",
    "file:///etc/passwd",
    "//evil.example/",
    "\\\\evil.example\\x",
]
NUMBERS = [
    "0",
    "-1",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "0x7fffffff",
    "2147483648",
    "9223372036854775808",
    "9" * 400,
    "١٢٣",  # Arabic-Indic digits: int() reads them
    "²",  # a superscript: isdigit() says yes, int() says no
    "½",
    "0" * 30 + "1",
]
MALFORMED_PERCENT = [
    "%",
    "%%",
    "%z",
    "%zz",
    "%0",
    "%00",
    "%C3",
    "%C3%28",
    "%FF",
    "%FE%FF",
    "%E2%82",
    "%ED%A0%80",  # an encoded surrogate
    "%C0%AE",  # an overlong dot
    "%u0041",
    "%25",
    "%2F",
    "%2e%2e%2f",
    "%0d%0aSet-Cookie:x=1",
]
SPECIAL_CHARACTERS = "\x00\r\n\t\x0b\x0c\x1b\x7f\x85\u00a0\u200b\u200e\u202e\u2028\ufeff\ufffd"

texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(st.sampled_from(SPECIAL_CHARACTERS), min_size=1, max_size=10),
    st.integers(min_value=-(10**80), max_value=10**80).map(str),
    st.sampled_from(SQL + TEMPLATE + TRAVERSAL + NUMBERS + XSS_PAYLOADS),
    st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["a", "я", "0", "%", "{", "'", "😀", "/", ".", "\x00", "ʼ"]),
        st.sampled_from([256, 1000, 4096, 10_000]),
    ),
)


def _percent(text):
    return quote(text.encode(), safe="")


def _percent_cp1251(text):
    return quote(text.encode("cp1251", errors="replace"), safe="")


def _twice(text):
    return quote(_percent(text), safe="")


# How a value is put on the wire in a URL: each result is ASCII, as in an HTTP request line,
# except "raw", whose characters the client sends as UTF-8 bytes (the test client encodes a
# path as UTF-8; a query string or header is given as the bytes a server would decode as
# ISO-8859-1, which is what WSGI hands to Django).
ENCODINGS = ("percent", "raw", "cp1251", "twice")


def on_the_wire(text, encoding, slot):
    if encoding == "percent":
        return _percent(text)
    if encoding == "cp1251":
        return _percent_cp1251(text)
    if encoding == "twice":
        return _twice(text)
    return text if slot == "path" else text.encode().decode("latin-1")


malformed = st.lists(
    st.one_of(st.sampled_from(MALFORMED_PERCENT), texts.map(_percent)), min_size=1, max_size=4
).map("".join)

COOKIE_NAMES = ("dismissed_notices", "sessionid", "csrftoken", "django_language", "messages")
HEADERS = (
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_CHARSET",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_HOST",
)
CHARSETS = (
    "utf-8",
    "UTF8",
    "utf-16",
    "utf-32",
    "latin-1",
    "cp1251",
    "koi8-u",
    "utf-7",
    "cp500",
    "x-unknown",
    "",
    '"utf-8"',
)
CONTENT_TYPES = (
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain",
    "text/html",
)
