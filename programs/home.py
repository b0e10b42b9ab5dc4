"""What programs contribute to the home page and the staff dashboard (see programs/apps.py)."""

from django.urls import reverse
from django.utils.translation import ngettext

from programs.models import Application, Program


def open_programs():
    """Programs open for applications, the nearest deadline first."""
    programs = (
        Program.objects.published()
        .translated()
        .accepting_applications()
        .select_related("organiser", "cover")  # each card names one, shows the other
        .order_by("application_deadline", "pk")
    )
    return {"open_programs": list(programs[:3])}


def applications_for_staff(request):
    """New applications not yet decided on, a link to the admin list of them."""
    count = Application.objects.filter(status=Application.Status.RECEIVED).count()
    if not count:
        return []
    label = ngettext(
        "%(count)d new application to consider", "%(count)d new applications to consider", count
    ) % {"count": count}
    url = reverse("admin:programs_application_changelist")
    return [(label, f"{url}?status__exact={Application.Status.RECEIVED}")]
