"""The business rules of programs: which are published, which accept applications now.

Status is never stored: it follows from the dates, so nobody has to remember to flip it.
`ProgramQuerySet` computes it in SQL (for filtering and ordering lists) and
`Program.status` in Python (for one program); tests check that the two always agree.
"""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.collation import by_ukrainian_name
from core.publishing import PublishableQuerySet


class ProgramPhase(models.TextChoices):
    # In the order in which the list of programs shows them.
    ACCEPTING = "accepting", _("accepting applications")
    ANNOUNCED = "announced", _("announced")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


PHASE_ORDER = list(ProgramPhase.values)


def phase_conditions(now=None):
    """The SQL condition of each status, checked in this order (the first that holds wins)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    accepting = Q(application_deadline__gte=now) & (
        Q(applications_open_at__isnull=True) | Q(applications_open_at__lte=now)
    )
    return [
        (ProgramPhase.ACCEPTING, accepting),
        (ProgramPhase.COMPLETED, Q(ends_on__lt=today)),
        (
            ProgramPhase.IN_PROGRESS,
            Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
        ),
    ]


class ProgramQuerySet(PublishableQuerySet):
    def with_phase(self, now=None):
        """Annotate `computed_phase` and `phase_rank` (the list's order of statuses)."""
        conditions = phase_conditions(now)
        return self.annotate(
            computed_phase=Case(
                *(When(condition, then=Value(status.value)) for status, condition in conditions),
                default=Value(ProgramPhase.ANNOUNCED.value),
                output_field=models.CharField(),
            ),
            phase_rank=Case(
                *(
                    When(condition, then=Value(PHASE_ORDER.index(status)))
                    for status, condition in conditions
                ),
                default=Value(PHASE_ORDER.index(ProgramPhase.ANNOUNCED)),
                output_field=models.IntegerField(),
            ),
        )

    def in_phase(self, status, now=None):
        return self.with_phase(now).filter(computed_phase=status)

    def accepting_applications(self, now=None):
        # Accepting is the first status checked, so its own condition decides it: the same
        # programs as in_phase(), without the two CASE annotations, whose building and
        # compiling were 3 ms of every home page.
        (_status, accepting), *_others = phase_conditions(now)
        return self.filter(accepting)

    def in_list_order(self, now=None):
        """Open for applications first, then announced, under way, and the archive.

        Within a status: the nearest deadline first while applications are open, otherwise
        the latest start first.
        """
        return self.with_phase(now).order_by(
            "phase_rank",
            Case(
                When(computed_phase=ProgramPhase.ACCEPTING.value, then="application_deadline"),
                default=None,
            ).asc(nulls_last=True),
            models.F("starts_on").desc(nulls_last=True),
            "pk",
        )


class ParticipationQuerySet(models.QuerySet):
    def in_page_order(self):
        """Participants, then selected hromadas, then applicants; each in alphabetical order."""
        roles = self.model.Role
        rank = Case(
            When(role=roles.PARTICIPANT, then=Value(0)),
            When(role=roles.SELECTED, then=Value(1)),
            default=Value(2),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, by_ukrainian_name("council__name"), "pk")


class ApplicationQuerySet(models.QuerySet):
    # What identifies or describes the contact person; anonymise() empties them.
    PERSONAL_FIELDS = (
        "contact_name",
        "contact_position",
        "contact_email",
        "contact_phone",
        "motivation",
        "staff_note",
        "email_error",  # an SMTP error quotes the address
    )

    def awaiting_email(self):
        """Applications whose confirmation or staff notification has not gone out yet (and
        still have someone to write to)."""
        return self.with_personal_data().filter(
            Q(confirmation_sent_at__isnull=True) | Q(staff_notified_at__isnull=True)
        )

    def with_personal_data(self):
        """Not yet anonymised (the form requires an e-mail address; anonymise() empties it)."""
        return self.exclude(contact_email="")

    def past_retention(self, cutoff):
        """Applications whose retention period is over: it runs from the end of the program
        (from the application, for a program without an end date), as the privacy notice says.
        `cutoff` is now minus the period (core.retention.cutoff)."""
        ended = Q(program__ends_on__isnull=True) | Q(
            program__ends_on__lt=timezone.localdate(cutoff)
        )
        return self.with_personal_data().filter(ended, submitted_at__lt=cutoff)

    def anonymise(self):
        """Keep which hromadas applied to which program, and the decisions (the Centre's
        records and figures); forget the person. Returns how many were anonymised."""
        decisions = self.model._meta.get_field("decisions").related_model.objects
        decisions.filter(application__in=self).update(email_error="")
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""))


class ApplicationDecisionQuerySet(models.QuerySet):
    def awaiting_email(self):
        """Decisions the applicant has not been told of yet (and can still be written to)."""
        return self.filter(email_sent_at__isnull=True).exclude(application__contact_email="")
