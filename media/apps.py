from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import SiteAppConfig


class MediaConfig(SiteAppConfig):
    default = True
    name = "media"
    verbose_name = _("Media library")

    def role_permissions(self):
        return {roles.EDITOR: roles.model_permissions("image")}
