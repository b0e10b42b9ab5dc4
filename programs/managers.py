"""The business rules of programs: which are published, which accept applications now.

Status is never stored: it follows from the dates, so nobody has to remember to flip it.
`ProgramQuerySet` computes it in SQL (for filtering and ordering lists) and
`Program.status` in Python (for one program); tests check that the two always agree.
"""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProgramStatus(models.TextChoices):
    # In the order in which the list of programs shows them.
    ACCEPTING = "accepting", _("accepting applications")
    ANNOUNCED = "announced", _("announced")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


STATUS_ORDER = list(ProgramStatus.values)


def status_conditions(now=None):
    """The SQL condition of each status, checked in this order (the first that holds wins)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    accepting = Q(application_deadline__gte=now) & (
        Q(applications_open_at__isnull=True) | Q(applications_open_at__lte=now)
    )
    return [
        (ProgramStatus.ACCEPTING, accepting),
        (ProgramStatus.COMPLETED, Q(ends_on__lt=today)),
        (
            ProgramStatus.IN_PROGRESS,
            Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
        ),
    ]


class ProgramQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_status(self, now=None):
        """Annotate `computed_status` and `status_rank` (the list's order of statuses)."""
        conditions = status_conditions(now)
        return self.annotate(
            computed_status=Case(
                *(When(condition, then=Value(status.value)) for status, condition in conditions),
                default=Value(ProgramStatus.ANNOUNCED.value),
                output_field=models.CharField(),
            ),
            status_rank=Case(
                *(
                    When(condition, then=Value(STATUS_ORDER.index(status)))
                    for status, condition in conditions
                ),
                default=Value(STATUS_ORDER.index(ProgramStatus.ANNOUNCED)),
                output_field=models.IntegerField(),
            ),
        )

    def with_status_of(self, status, now=None):
        return self.with_status(now).filter(computed_status=status)

    def accepting_applications(self, now=None):
        return self.with_status_of(ProgramStatus.ACCEPTING, now)

    def in_list_order(self, now=None):
        """Open for applications first, then announced, under way, and the archive.

        Within a status: the nearest deadline first while applications are open, otherwise
        the latest start first.
        """
        return self.with_status(now).order_by(
            "status_rank",
            Case(
                When(computed_status=ProgramStatus.ACCEPTING.value, then="application_deadline"),
                default=None,
            ).asc(nulls_last=True),
            models.F("starts_on").desc(nulls_last=True),
            "pk",
        )


class ParticipationQuerySet(models.QuerySet):
    def in_page_order(self):
        """Participants, then selected hromadas, then applicants; each in alphabetical order."""
        from members.managers import by_ukrainian_name
        from programs.models import ProgramParticipation

        roles = ProgramParticipation.Role
        rank = Case(
            When(role=roles.PARTICIPANT, then=Value(0)),
            When(role=roles.SELECTED, then=Value(1)),
            default=Value(2),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, by_ukrainian_name("council__name"), "pk")


class ApplicationQuerySet(models.QuerySet):
    def awaiting_email(self):
        """Applications whose confirmation or staff notification has not gone out yet."""
        return self.filter(Q(confirmation_sent_at__isnull=True) | Q(staff_notified_at__isnull=True))
