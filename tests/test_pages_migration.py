"""The about and privacy pages move into the page tree with their content and addresses."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("pages", "0002_privacy_retention_from_setting")]


def test_the_fixed_pages_become_pages_of_the_tree_at_their_addresses():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        OldPage = old_apps.get_model("pages", "Page")
        OldPage.objects.create(
            slug="about",
            title="Про Центр",
            title_uk="Про Центр",
            title_en="About the Centre",
            lead_uk="Вступ",
            body="<p>Мета</p>",
            body_uk="<p>Мета</p>",
            body_en="<p>Purpose</p>",
        )
        OldPage.objects.create(slug="privacy", title="Дані", title_uk="Дані", body_uk="<p>Так</p>")

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        new_apps = executor.loader.project_state(latest).apps
        Page = new_apps.get_model("pages", "Page")
        RichText = new_apps.get_model("pages", "RichText")
        about = Page.objects.get(slug="about")
        assert (about.path, about.title_en, about.menu, about.status) == (
            "/about/",
            "About the Centre",
            "both",
            "published",
        )
        text = RichText.objects.get(parent=about)
        assert (text.text_uk, text.text_en) == ("<p>Мета</p>", "<p>Purpose</p>")
        privacy = Page.objects.get(slug="privacy")
        assert (privacy.path, privacy.kind, privacy.menu) == ("/privacy/", "privacy", "footer")
    finally:
        MigrationExecutor(connection).migrate(latest)
