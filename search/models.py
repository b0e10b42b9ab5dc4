from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocumentQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Documents the public may see now: scheduled items stay hidden until their time,
        expiring ones from their end."""
        now = now or timezone.now()
        return self.filter(
            Q(visible_from__isnull=True) | Q(visible_from__lte=now),
            Q(visible_until__isnull=True) | Q(visible_until__gt=now),
        )


class SearchDocument(models.Model):
    """One indexed object in one language; written only by search.registry."""

    # One of the kinds the apps register (search.kinds); no central list.
    kind = models.CharField(_("kind"), max_length=16)
    # "<app_label>.<model>:<pk>", see registry.object_key()
    key = models.CharField(_("object"), max_length=150)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    visible_from = models.DateTimeField(_("visible from"), null=True, blank=True)
    # Ukrainian: lemmas ('simple' configuration) built by morphology.analyse();
    # English: the 'english' configuration. Title weighted A, text B. No planner statistics
    # (migration 0001): see the note there.
    vector = SearchVectorField(_("search vector"), null=True)
    # The title alone, small enough to stay uncompressed in the row: "all the words are in
    # the title" is checked on every match without unpacking the large vector.
    title_vector = SearchVectorField(_("title search vector"), null=True)
    # Hidden from this moment on (content that expires); None: never.
    visible_until = models.DateTimeField(_("visible until"), null=True, blank=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="search_document_key_language")
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            # "similar titles" when nothing is found: nearest first by word similarity (KNN
            # needs GiST; GIN cannot order by distance)
            GistIndex(fields=["title"], opclasses=["gist_trgm_ops"], name="search_document_title"),
        ]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """The spelling vocabulary: every written form and term found in the index.

    Typo correction looks up the forms nearest to an unknown query word by trigram distance
    (pg_trgm, as in PostgreSQL's documentation on spelling suggestions), keeps those within
    one edit and searches their terms. Forms are kept so that "грамадою" finds "громадою" →
    "громада". Removing documents leaves their words here until rebuild_search_index.
    """

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    form = models.CharField(_("form"), max_length=100)
    term = models.CharField(_("term"), max_length=100)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "form", "term"], name="search_term_language_form_term"
            )
        ]
        indexes = [
            # GiST, not GIN: the query orders by trigram distance (form <-> word) with a LIMIT,
            # which needs no similarity threshold setting and always returns the nearest forms.
            GistIndex(fields=["form"], opclasses=["gist_trgm_ops"], name="search_term_form"),
        ]

    def __str__(self):
        return f"{self.form} → {self.term}"
