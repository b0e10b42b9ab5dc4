"""The kinds of documents in the index, contributed by the apps that register models.

There is no central list: `search.registry.register(model, kind=..., label=..., plural=...)`
adds a kind, and the search page offers a filter for each kind in the order of `order`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # one result: "News item"
    plural: str  # the filter: "News", as in the main menu
    order: int = 100


_kinds = {}


def add_kind(name, label, plural, order=100):
    """Add a kind (again with the same name: replaced). Returns it."""
    _kinds[name] = Kind(name, label, plural, order)
    return _kinds[name]


def remove_kind(name):
    _kinds.pop(name, None)


def get_kind(name):
    return _kinds.get(name)


def all_kinds():
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.name))


def label_of(name):
    kind = _kinds.get(name)
    return kind.label if kind else name
