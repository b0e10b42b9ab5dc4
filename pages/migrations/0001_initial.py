# The site's pages and notices, which lived in the project package (app "portal") until the
# content kit made portal/ the project only. A database made before then keeps its tables and
# rows: they are renamed, not created anew.

import django.core.validators
import django.utils.timezone
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

MODELS = ["Page", "SiteNotice"]


def create_or_adopt_tables(apps, schema_editor):
    connection = schema_editor.connection
    tables = set(connection.introspection.table_names())
    for name in MODELS:
        model = apps.get_model("pages", name)
        former = f"portal_{name.lower()}"
        if former in tables:
            schema_editor.alter_db_table(model, former, model._meta.db_table)
        else:
            schema_editor.create_model(model)
    # Admin history and permissions follow the models to their new app.
    if "django_content_type" in tables:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE django_content_type SET app_label = 'pages' WHERE app_label = 'portal'"
                " AND model IN ('page', 'sitenotice')"
                " AND NOT EXISTS (SELECT 1 FROM django_content_type WHERE app_label = 'pages')"
            )


def drop_tables(apps, schema_editor):
    for name in reversed(MODELS):
        schema_editor.delete_model(apps.get_model("pages", name))


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        # Needed by site search (typo tolerance) and the registry's name search.
        TrigramExtension(),
        UnaccentExtension(),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(choices=[('about', 'About the Centre'), ('privacy', 'Privacy notice')], unique=True, verbose_name='page')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_uk', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('lead', models.TextField(blank=True, verbose_name='lead')),
                        ('lead_uk', models.TextField(blank=True, null=True, verbose_name='lead')),
                        ('lead_en', models.TextField(blank=True, null=True, verbose_name='lead')),
                        ('body', models.TextField(blank=True, verbose_name='text')),
                        ('body_uk', models.TextField(blank=True, null=True, verbose_name='text')),
                        ('body_en', models.TextField(blank=True, null=True, verbose_name='text')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'page',
                        'verbose_name_plural': 'pages',
                        'ordering': ['slug'],
                    },
                ),
                migrations.CreateModel(
                    name='SiteNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.CharField(max_length=300, verbose_name='message')),
                        ('message_uk', models.CharField(max_length=300, null=True, verbose_name='message')),
                        ('message_en', models.CharField(max_length=300, null=True, verbose_name='message')),
                        ('link_url', models.CharField(blank=True, help_text='Optional: a page with details.', max_length=300, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='link')),
                        ('link_url_uk', models.CharField(blank=True, help_text='Optional: a page with details.', max_length=300, null=True, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='link')),
                        ('link_url_en', models.CharField(blank=True, help_text='Optional: a page with details.', max_length=300, null=True, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='link')),
                        ('link_text', models.CharField(blank=True, max_length=100, verbose_name='link text')),
                        ('link_text_uk', models.CharField(blank=True, max_length=100, null=True, verbose_name='link text')),
                        ('link_text_en', models.CharField(blank=True, max_length=100, null=True, verbose_name='link text')),
                        ('severity', models.CharField(choices=[('info', 'information'), ('warning', 'warning'), ('urgent', 'urgent')], default='info', max_length=10, verbose_name='severity')),
                        ('starts_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='show from')),
                        ('ends_at', models.DateTimeField(blank=True, help_text='Leave empty to show until removed.', null=True, verbose_name='show until')),
                        ('dismissible', models.BooleanField(default=True, help_text='Clear this for notices every visitor must keep seeing.', verbose_name='visitors may hide it')),
                    ],
                    options={
                        'verbose_name': 'site notice',
                        'verbose_name_plural': 'site notices',
                        'ordering': ['-starts_at'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='site_notice_ends_after_it_starts', violation_error_message='A notice must end after it starts.')],
                    },
                ),
            ]
        ),
        migrations.RunPython(create_or_adopt_tables, drop_tables),
    ]
