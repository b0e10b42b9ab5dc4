"""Every kind of public page, in both languages, is valid HTML by the Nu HTML Checker (the
W3C's validator, npm's vnu-jar on Java 17), with zero errors.

`make test` installs vnu-jar into .local/node (git-ignored); where Java or the jar is
missing, the test is skipped and says why."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from news.factories import ArticleFactory
from tests.hostile import make_site, public_urls

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / ".local" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

RICH_TEXT = (
    "<h2>Розділ</h2><p>Текст з <strong>жирним</strong>, <em>курсивом</em> і "
    '<a href="https://example.org/">посиланням</a>.</p><h3>Підрозділ</h3>'
    "<ul><li>перший</li><li>другий</li></ul><ol><li>крок</li></ol>"
    "<blockquote><p>Цитата</p></blockquote><p>Рядок<br>новий рядок</p><hr>"
)


def checker():
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (.ci/run installs openjdk-17-jre-headless)")
    if not VNU.exists():
        pytest.skip(f"the Nu HTML Checker is not installed ({VNU}; make test installs it)")
    return [java, "-Xss1m", "-jar", str(VNU)]


def test_every_public_page_kind_is_valid_html(client, tmp_path):
    command = checker()
    site = make_site()
    # what an editor publishes: the rich text the admin's editor makes, cleaned on save
    rich = ArticleFactory(
        english=True,
        body_uk=RICH_TEXT,
        body_en=RICH_TEXT,
        title_uk="Стаття з усім, що дає редактор",
    )
    site.objects.append(rich)
    files = {}
    for url in public_urls(client, site):
        response = client.get(url.path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        name = tmp_path / f"page-{len(files):03d}.html"
        name.write_bytes(response.content)
        files[str(name)] = url.path
    assert len(files) >= 20, sorted(files.values())  # every kind, in both languages
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message.get('message')}"
        for message in messages
        if message.get("type") == "error" or message.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0, result.stderr[-2000:]
    assert rich.get_absolute_url() in files.values()
