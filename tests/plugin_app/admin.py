from django.contrib import admin

from core.admin import PublishableAdmin
from tests.plugin_app.models import Bulletin


@admin.register(Bulletin)
class BulletinAdmin(PublishableAdmin):
    list_display = ["title", "publication_state"]
