from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmissionQuerySet(models.QuerySet):
    def earlier(self, form, token, fingerprint, since):
        """The submission that this one repeats: the same token, or the same content lately."""
        same_content = models.Q(form=form, fingerprint=fingerprint, submitted_at__gte=since)
        return self.filter(models.Q(token=token) | same_content).order_by("submitted_at").first()


class Submission(models.Model):
    """A public form that was stored: its one-time token and a digest of what it said.

    Only the digest is kept, never the text; rows are deleted once neither the token nor the
    duplicate window can match them any more (`submissions.forms.PublicForm`).
    """

    form = models.CharField(_("form"), max_length=100)
    token = models.CharField(_("one-time token"), max_length=64, unique=True)
    fingerprint = models.CharField(_("digest of the content"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("stored object"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        indexes = [models.Index(fields=["form", "fingerprint"], name="submission_content")]

    def __str__(self):
        return f"{self.form} {self.object_id}"
