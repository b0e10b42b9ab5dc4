from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import MenuItem, SiteAppConfig


class DocumentsConfig(SiteAppConfig):
    default = True
    name = "documents"
    verbose_name = _("Documents library")
    url_prefix = "documents/"
    demo_order = 5

    def ready(self):
        from documents import search

        search.register()

    def menu_items(self):
        return [MenuItem(_("Documents"), "documents:document-list", order=60)]

    def sitemaps(self):
        from documents.sitemaps import DocumentSitemap

        return {"documents": DocumentSitemap}

    def role_permissions(self):
        return {roles.EDITOR: roles.model_permissions("document", "topic", "attachment")}
