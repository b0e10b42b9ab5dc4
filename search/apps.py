from django.utils.translation import gettext_lazy as _

from core.plugins import SiteAppConfig


class SearchConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "search"
    verbose_name = _("Site search")
    url_prefix = "search/"
    demo_order = 1000  # after every app's demo content: index it all

    def content_models(self):
        return []  # the index follows the content; it is not content of its own
