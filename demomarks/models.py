"""Which shown facts are demo examples rather than the Centre's own material.

One row marks one fact of one object ("news.article", 12, "published_at"), so a fact is marked
where it is shown without a flag column on every content model. The demo loaders write the
rows; staff remove a row (in admin) once the fact is confirmed. Labels, not foreign keys:
this app imports no content app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoFactQuerySet(models.QuerySet):
    def mark(self, obj, fact):
        self.get_or_create(model=obj._meta.label_lower, object_id=obj.pk, fact=fact)

    def as_set(self):
        """Every mark as (model, object id, fact), plus (model, None, fact) for "any of them"."""
        marks = set()
        for model, object_id, fact in self.values_list("model", "object_id", "fact"):
            marks.add((model, object_id, fact))
            marks.add((model, None, fact))
        return marks


class DemoFact(models.Model):
    model = models.CharField(
        _("content type"), max_length=100, help_text=_('App and model, for example "news.article".')
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    fact = models.CharField(
        _("fact"), max_length=100, help_text=_("The field or fact shown as a demo example.")
    )

    objects = DemoFactQuerySet.as_manager()

    class Meta:
        verbose_name = _("demo fact")
        verbose_name_plural = _("demo facts")
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id", "fact"], name="one_demo_mark")
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}: {self.fact}"
