"""The staff dashboard's panels of the knowledge base and the desk."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from legalhelp.models import Consultation, ConsultationRequest


def consultations_to_check(request):
    """Consultations whose law changed after "valid as of", then those past review-by."""
    url = reverse("admin:legalhelp_consultation_changelist")
    rows = []
    for consultation in Consultation.objects.needs_review().order_by("valid_as_of", "pk"):
        rows.append(
            (
                _("Needs review: %(title)s (the law changed after %(date)s)")
                % {
                    "title": consultation.title,
                    "date": consultation.valid_as_of.strftime("%d.%m.%Y"),
                },
                reverse("admin:legalhelp_consultation_change", args=[consultation.pk]),
            )
        )
    overdue = Consultation.objects.overdue().count()
    if overdue:
        rows.append(
            (
                ngettext(
                    "%(count)d consultation past its review-by date",
                    "%(count)d consultations past their review-by date",
                    overdue,
                )
                % {"count": overdue},
                f"{url}?review=overdue",
            )
        )
    return rows


def requests_rows(request):
    """Open requests and the age of the oldest; the median days to answer this year."""
    url = reverse("admin:legalhelp_consultationrequest_changelist")
    open_requests = ConsultationRequest.objects.open()
    count = open_requests.count()
    rows = []
    if count:
        oldest = open_requests.order_by("submitted_at").first()
        age = (timezone.now() - oldest.submitted_at).days
        rows.append(
            (
                ngettext(
                    "%(count)d open request; the oldest is %(days)d days old",
                    "%(count)d open requests; the oldest is %(days)d days old",
                    count,
                )
                % {"count": count, "days": age},
                f"{url}?open=1",
            )
        )
    figures = ConsultationRequest.objects.figures(timezone.localdate().year)
    if figures["median_days"] is not None:
        rows.append(
            (
                _("Median time to answer this year: %(days)s days (%(count)d answered)")
                % {"days": number_format(figures["median_days"], 1), "count": figures["answered"]},
                f"{url}?status=answer_sent",
            )
        )
    return rows
