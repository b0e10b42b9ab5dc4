"""The home page stays light: at most 30 KB compressed for its HTML, CSS and JavaScript, with
every section full, no web font and nothing from another host."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from members.factories import CouncilFactory
from pages.models import SiteNotice
from programs.factories import ProgramFactory
from tests.helpers import external_resources
from tests.test_cross_app import link_content

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024


def compressed(data):
    return len(gzip.compress(data, 6))


def test_the_home_page_weighs_at_most_30_kb_compressed(client):
    link_content(CouncilFactory(), 6)
    for _ in range(3):
        ProgramFactory(accepting=True)
    SiteNotice.objects.create(message="Оголошення на всіх сторінках")  # with its script
    html = client.get("/").content
    page = html.decode()
    assert not external_resources(page)
    assets = re.findall(
        r'<(?:link rel="stylesheet"|script[^>]*) (?:href|src)="/static/([^"]+)"', page
    )
    assert any(asset.endswith(".css") for asset in assets)
    assert any(asset.endswith(".js") for asset in assets)
    sizes = {"HTML": compressed(html)}
    for asset in assets:
        content = open(finders.find(asset), "rb").read()
        assert b"@font-face" not in content and b"@import" not in content, asset
        sizes[asset] = compressed(content)
    assert sum(sizes.values()) <= BUDGET, sizes
