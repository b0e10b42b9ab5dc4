"""The about and privacy pages become pages of the tree, at their addresses (/about/,
/privacy/): title, lead and slug move as they are, the text becomes a rich-text block. About
is placed in both menus and the privacy notice in the footer, where they were."""

from django.db import migrations
from django.utils import timezone

PLACES = {"about": ("both", "standard", 10), "privacy": ("footer", "privacy", 20)}


def into_the_tree(apps, schema_editor):
    OldPage = apps.get_model("pages", "OldPage")
    Page = apps.get_model("pages", "Page")
    RichText = apps.get_model("pages", "RichText")
    for old in OldPage.objects.all():
        menu, kind, position = PLACES.get(old.slug, ("", "standard", 30))
        page = Page.objects.create(
            title=old.title_uk or old.title,
            title_uk=old.title_uk or old.title,
            title_en=old.title_en or "",
            lead=old.lead_uk or old.lead,
            lead_uk=old.lead_uk or old.lead,
            lead_en=old.lead_en or "",
            slug=old.slug,
            path=f"/{old.slug}/",
            position=position,
            menu=menu,
            kind=kind,
            status="published",
            publish_at=timezone.now(),
        )
        if old.body_uk or old.body_en or old.body:
            RichText.objects.create(
                parent=page,
                region="main",
                ordering=10,
                text=old.body_uk or old.body,
                text_uk=old.body_uk or old.body,
                text_en=old.body_en or "",
            )


def out_of_the_tree(apps, schema_editor):
    OldPage = apps.get_model("pages", "OldPage")
    Page = apps.get_model("pages", "Page")
    RichText = apps.get_model("pages", "RichText")
    for page in Page.objects.filter(slug__in=list(PLACES)):
        text = RichText.objects.filter(parent=page).order_by("ordering").first()
        OldPage.objects.update_or_create(
            slug=page.slug,
            defaults={
                "title": page.title_uk,
                "title_uk": page.title_uk,
                "title_en": page.title_en or "",
                "lead": page.lead_uk,
                "lead_uk": page.lead_uk,
                "lead_en": page.lead_en or "",
                "body": text.text_uk if text else "",
                "body_uk": text.text_uk if text else "",
                "body_en": (text.text_en or "") if text else "",
            },
        )
    Page.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_tree")]

    operations = [migrations.RunPython(into_the_tree, out_of_the_tree)]
