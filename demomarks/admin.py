from django.contrib import admin

from demomarks.models import DemoFact


@admin.register(DemoFact)
class DemoFactAdmin(admin.ModelAdmin):
    list_display = ["model", "object_id", "fact"]
    list_filter = ["model", "fact"]
