"""The knowledge base's and the desk's rules, as named querysets."""

from django.db import models
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q
from django.db.models.functions import Extract
from django.utils import timezone

from core.publishing import PublishableQuerySet
from legalhelp.actnumbers import number_key


class Median(models.Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median of an expression."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class ConsultationQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.published().translated().order_by("-publish_at", "-pk")

    def most_read(self):
        return self.published().translated().order_by("-read_count", "-publish_at", "-pk")

    def citing_number(self, text):
        """Consultations citing an act whose number is `text`, however it is typed."""
        key = number_key(text)
        if not key:
            return self.none()
        return self.filter(citations__act__number_key=key).distinct()

    def needs_review(self):
        """Published consultations citing an act amended after their "valid as of" date."""
        Citation = self.model._meta.get_field("citations").related_model
        amended = Citation.objects.filter(
            consultation=OuterRef("pk"), act__amended_on__gt=OuterRef("valid_as_of")
        )
        return self.published().filter(Exists(amended))

    def overdue(self, today=None):
        return self.published().filter(review_by__lt=today or timezone.localdate())


class LegalActQuerySet(models.QuerySet):
    def with_number(self, text):
        key = number_key(text)
        return self.filter(number_key=key) if key else self.none()


class RequestQuerySet(models.QuerySet):
    def open(self):
        Status = self.model.Status
        return self.filter(status__in=[Status.NEW, Status.IN_WORK])

    def answered(self):
        return self.filter(answered_at__isnull=False)

    def answered_in(self, year):
        return self.answered().filter(answered_at__year=year)

    def median_days_to_answer(self):
        """Days from sending to the answer, the median over these requests (None if none)."""
        seconds = Extract(F("answered_at") - F("submitted_at"), "epoch")
        median = self.answered().aggregate(median=Median(seconds))["median"]
        return None if median is None else round(median / 86400, 1)

    def figures(self, year):
        """{"answered": requests answered in `year`, "median_days": days to answer them}."""
        seconds = Extract(F("answered_at") - F("submitted_at"), "epoch")
        row = self.answered_in(year).aggregate(answered=Count("pk"), median=Median(seconds))
        median = row["median"]
        return {
            "answered": row["answered"],
            "median_days": None if median is None else round(median / 86400, 1),
        }

    def awaiting_email(self, max_attempts=None):
        """Requests with a confirmation or a written answer that has not gone out (and has
        failed fewer than `max_attempts` times, when given)."""
        EmailStatus = self.model.EmailStatus
        unsent = [EmailStatus.PENDING, EmailStatus.FAILED]
        found = self.filter(anonymised_at__isnull=True).filter(
            Q(confirmation_email_status__in=unsent) | Q(answer_email_status=EmailStatus.FAILED)
        )
        if max_attempts is not None:
            found = found.filter(email_attempts__lt=max_attempts)
        return found

    def past_retention(self, cutoff):
        return self.filter(submitted_at__lt=cutoff, anonymised_at__isnull=True)

    def anonymise(self):
        """Remove the personal data and the attachments; keep topic, dates and status (the
        figures). Returns how many requests."""
        RequestAttachment = self.model._meta.get_field("attachments").related_model
        count = 0
        for request in self:
            for attachment in RequestAttachment.objects.filter(request=request):
                attachment.file.delete(save=False)
                attachment.delete()
            request.name = request.position = request.phone = request.council_name = ""
            request.email = ""
            request.question = request.answer = request.internal_note = request.email_error = ""
            request.council = None
            request.anonymised_at = timezone.now()
            request.save()
            count += 1
        return count
