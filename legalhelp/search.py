"""Consultations in the site search (registered in LegalHelpConfig.ready).

Each document carries the spellings of its acts' numbers (legalhelp.actnumbers), so a search
for "280/97вр" or "1508-VІІ" finds every consultation citing that act.
"""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from legalhelp.actnumbers import spellings
from legalhelp.models import Citation, Consultation, LegalAct
from search import registry
from search.documents import joined, publishable_documents


def consultation_documents(consultation):
    acts = [citation.act for citation in consultation.citations.select_related("act")]
    numbers = [word for act in acts if act.number for word in spellings(act.number)]
    return publishable_documents(
        consultation,
        lambda consultation: {
            "title": consultation.title,
            # The section's name and the topics: "юридична допомога" finds the answers.
            "text": joined(
                gettext("Legal help"),
                *(topic.name for topic in consultation.topics.all()),
                consultation.short_answer,
                consultation.body,
                *(str(act) for act in acts),
                " ".join(numbers),
            ),
            "url": consultation.get_absolute_url(),
            "date": consultation.valid_as_of,
        },
    )


def _reindex_consultation(sender, instance, raw=False, **kwargs):
    if not raw:
        consultation = Consultation.objects.filter(pk=instance.consultation_id).first()
        if consultation is not None:
            registry.index_objects([consultation])


def _reindex_act(sender, instance, raw=False, **kwargs):
    if not raw:
        registry.index_objects(Consultation.objects.filter(acts=instance).distinct())


def register():
    registry.register(
        Consultation,
        kind="consultation",
        label=_("Consultation"),
        plural=_("Legal help"),
        order=40,
        documents=consultation_documents,
        m2m=["topics"],
    )
    post_save.connect(_reindex_consultation, sender=Citation, dispatch_uid="legalhelp.citation")
    post_delete.connect(_reindex_consultation, sender=Citation, dispatch_uid="legalhelp.citation")
    post_save.connect(_reindex_act, sender=LegalAct, dispatch_uid="legalhelp.act")
