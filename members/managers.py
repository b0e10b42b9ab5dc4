"""The members app's business rules, as named querysets (Council.objects.members() etc.)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, Exists, F, Func, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from core import cache
from core.collation import by_ukrainian_name
from core.text import with_apostrophe

COUNCIL_CATEGORIES = ("O", "P", "H")
SETTLEMENT_CATEGORIES = ("M", "X", "T", "C", "B")


def normalize_query(text):
    return " ".join(with_apostrophe(text).split())


class TerritorialUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(in_codifier=True)

    def raions(self):
        return self.current().filter(category="P")

    def with_council_or_expecting_one(self):
        """Every unit that has a council by law (oblast, raions, hromadas), plus any with one."""
        return self.filter(
            Q(category__in=COUNCIL_CATEGORIES) & (Q(in_codifier=True) | Q(council__isnull=False))
        )

    def by_name(self):
        return self.order_by(by_ukrainian_name(), "code")


@dataclass(frozen=True)
class MembershipFigures:
    members: int
    hromada: int
    raion: int
    oblast: int
    total: int

    @property
    def share(self):
        """Members as a whole percentage of all the councils of the oblast (62 of 64 → 97)."""
        if not self.total:
            return 0
        percent = Decimal(self.members * 100) / Decimal(self.total)
        return int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class CouncilQuerySet(models.QuerySet):
    def members(self):
        """Councils that are members of the association now."""
        return self.filter(status=self.model.Status.MEMBER)

    def not_members(self):
        return self.exclude(status=self.model.Status.MEMBER)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_raion(self, raion):
        """The raion council and the councils of the raion's hromadas."""
        return self.filter(Q(unit=raion) | Q(unit__parent=raion))

    def search(self, text):
        """Councils whose name, hromada or one of its settlements contains the text."""
        TerritorialUnit = self.model._meta.get_field("unit").related_model

        text = normalize_query(text)
        if not text:
            return self
        # A settlement of the hromada, or a district of its city (one level further down).
        settlement = TerritorialUnit.objects.current().filter(
            Q(parent=OuterRef("unit")) | Q(parent__parent=OuterRef("unit")),
            Q(name_uk__icontains=text) | Q(name_en__icontains=text),
            category__in=SETTLEMENT_CATEGORIES,
        )
        return self.filter(
            Q(name_uk__icontains=text)
            | Q(name_en__icontains=text)
            | Q(unit__name_uk__icontains=text)
            | Q(unit__name_en__icontains=text)
            | Q(unit__code__iexact=text)
            | (Q(kind=self.model.Kind.HROMADA) & Exists(settlement))
        )

    def for_listing(self):
        return self.select_related("unit", "unit__parent")

    def by_name(self):
        return self.order_by(by_ukrainian_name(), "pk")

    def membership_figures(self):
        """The live figures: member councils by kind, of all the councils of the oblast.

        Of every council: read once per content version and process (the home page, the
        registry and the association's page show them; core.cache.per_version)."""
        return cache.per_version(
            "members.figures", self.model._default_manager.all()._count_figures
        )

    def _count_figures(self):
        TerritorialUnit = self.model._meta.get_field("unit").related_model
        member = Q(status=self.model.Status.MEMBER)
        # The oblast's councils counted in a subquery of the same statement (one query).
        units = (
            TerritorialUnit.objects.with_council_or_expecting_one()
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        counts = self.aggregate(
            members=Count("pk", filter=member),
            hromada=Count("pk", filter=member & Q(kind=self.model.Kind.HROMADA)),
            raion=Count("pk", filter=member & Q(kind=self.model.Kind.RAION)),
            oblast=Count("pk", filter=member & Q(kind=self.model.Kind.OBLAST)),
            total=Coalesce(Max(Subquery(units)), 0),
        )
        if not counts["members"] and not counts["total"]:  # no councils yet: no rows to read it
            counts["total"] = TerritorialUnit.objects.with_council_or_expecting_one().count()
        counts["total"] = max(counts["total"], counts["members"])
        return MembershipFigures(**counts)


class AssociationQuerySet(models.QuerySet):
    def current(self):
        """The association's one row, or None before staff (or the demo) create it."""
        return self.order_by("pk").first()

    def current_name(self):
        """The association's one name for every page: its row's, or the default before it.

        Read once per content version, language and process (core.cache.per_version): the
        footer of every page shows it.
        """

        def read():
            row = self.current()
            return str(row.name if row and row.name else self.model.DEFAULT_NAME)

        return cache.per_version(("members.association_name", translation.get_language()), read)


class BoardPostQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("council")
