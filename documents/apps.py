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
        # Program managers and the membership registrar publish their programs' documents and
        # the association's statute in the library, and attach them (decision 31); legal
        # consultants attach the acts' texts and model decisions to their answers.
        attaching = [*roles.model_permissions("document", "attachment"), "publish_document"]
        return {
            roles.EDITOR: roles.model_permissions("document", "topic", "attachment"),
            roles.PROGRAM_MANAGER: attaching,
            roles.MEMBERSHIP_REGISTRAR: attaching,
            roles.LEGAL_CONSULTANT: attaching,
        }
