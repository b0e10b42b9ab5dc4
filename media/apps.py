from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import SiteAppConfig


class MediaConfig(SiteAppConfig):
    default = True
    name = "media"
    verbose_name = _("Media library")

    def role_permissions(self):
        # Every role that writes content with a cover or rich text chooses (and adds) the
        # images it shows: the library is shared, and an image in use cannot be deleted.
        image = roles.model_permissions("image")
        return {
            roles.EDITOR: image,
            roles.PROGRAM_MANAGER: image,
            roles.MEMBERSHIP_REGISTRAR: image,
            roles.LEGAL_CONSULTANT: image,
        }
