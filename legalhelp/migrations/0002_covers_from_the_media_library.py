"""Covers come from the media library: each uploaded cover becomes a library image (with its
texts in both languages and its renditions) and the item points at it (media.legacy_covers)."""

from django.db import migrations

from media import legacy_covers


class Migration(migrations.Migration):
    dependencies = [
        ("legalhelp", "0001_knowledge_base_and_desk"),
        ("media", "0001_initial"),
    ]

    operations = legacy_covers.operations("legalhelp", "consultation")
