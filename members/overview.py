"""Membership per raion, from one query: the table beside the map, the map's colours, and the
registry's cards of the councils."""

from dataclasses import dataclass, field

from django.urls import get_script_prefix
from django.utils import translation

from core import cache


@dataclass
class RaionRow:
    unit: object
    hromadas: list = field(default_factory=list)

    @property
    def council(self):
        return getattr(self.unit, "council", None)

    @property
    def hromada_councils(self):
        return [h.council for h in self.hromadas if getattr(h, "council", None) is not None]

    @property
    def member_count(self):
        return sum(1 for council in self.hromada_councils if council.is_member)

    @property
    def not_members(self):
        return [council for council in self.hromada_councils if not council.is_member]


@dataclass
class Overview:
    oblast: object
    raions: list
    units: dict

    @property
    def hromada_count(self):
        return sum(len(row.hromadas) for row in self.raions)

    @property
    def member_count(self):
        return sum(row.member_count for row in self.raions)

    @property
    def raion_council_members(self):
        return sum(1 for row in self.raions if row.council is not None and row.council.is_member)

    @property
    def oblast_council(self):
        return getattr(self.oblast, "council", None) if self.oblast is not None else None


def oblast_overview():
    """The oblast, its raions and their hromadas with their councils, in Ukrainian order.

    Read once per content version, language (the order is the page's) and process
    (core.cache.per_version): the registry shows it on every request, whatever its filters.
    Shared between requests and threads: nobody may change it."""
    return cache.per_version(("members.overview", translation.get_language()), _read_overview)


def _read_overview():
    from members.models import TerritorialUnit

    units = list(
        TerritorialUnit.objects.with_council_or_expecting_one().select_related("council").by_name()
    )
    rows = {unit.pk: RaionRow(unit) for unit in units if unit.category == "P"}
    oblast = next((unit for unit in units if unit.category == "O"), None)
    for unit in units:
        if unit.category == "H" and unit.parent_id in rows:
            rows[unit.parent_id].hromadas.append(unit)
    return Overview(oblast, list(rows.values()), {unit.code: unit for unit in units})


def council_cards(councils):
    """The councils of a queryset, in its order, as their cards (Council.card) in the page's
    language: only their keys are read.

    The cards are made from the overview's councils, once per content version, language and
    script prefix (their links are of both; core.cache.per_version). Shared between requests
    and threads: nobody may change them."""
    key = ("members.cards", translation.get_language(), get_script_prefix())
    cards = cache.per_version(key, _overview_cards)
    pks = list(councils.values_list("pk", flat=True))
    missing = [pk for pk in pks if pk not in cards]
    if missing:  # of a unit the overview leaves out, or saved since (by another process)
        rows = councils.model._default_manager.for_listing().filter(pk__in=missing)
        cards = cards | {council.pk: council.card() for council in rows}
    return [cards[pk] for pk in pks]


def _overview_cards():
    units = oblast_overview().units.values()
    by_pk = {unit.pk: unit for unit in units}
    cards = {}
    for unit in units:
        council = getattr(unit, "council", None)
        if council is not None:
            cards[council.pk] = council.card(by_pk.get(unit.parent_id))
    return cards
