"""Which settlement is a hromada's centre, told from the names alone (the codifier does not
say), and so whether its council is a city, settlement or village council."""

import re

# The administrative centre, told from the codifier: the settlement that gives the hromada
# its name ("Богодухівська" ← Богодухів, "Малоданилівська" ← Мала Данилівка).
_ADJECTIVE_ENDINGS = ("ська", "цька", "зька", "ька", "на")
_FIRST_WORD_ENDINGS = ("ий", "ій", "а", "е", "і", "я")
_NEUTER_ENDINGS = ("ське", "цьке", "зьке")
_RANK = {"M": 3, "X": 2, "T": 2, "C": 1}
_TYPE = {"M": "city", "X": "settlement", "T": "settlement", "C": "village"}


def _plain(name):
    return name.lower().replace("’", "").replace("'", "")


def _stem(hromada_name):
    name = _plain(hromada_name).strip()
    for ending in _ADJECTIVE_ENDINGS:
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def _forms(settlement_name):
    words = re.split(r"[\s-]+", _plain(settlement_name).strip())
    forms = ["".join(words)]
    if len(words) > 1:
        first = words[0]
        for ending in _FIRST_WORD_ENDINGS:
            if first.endswith(ending):
                first = first[: -len(ending)]
                break
        forms.append(first + "о" + "".join(words[1:]))
    for ending in _NEUTER_ENDINGS:
        # A neuter adjective names the hromada as it is: Слобожанське → Слобожанська.
        if forms[0].endswith(ending):
            forms.append(forms[0][: -len(ending)])
    return forms


def _match(stem, form):
    """How well a settlement's name explains the hromada's; 0 when it does not."""
    common = 0
    for left, right in zip(stem, form, strict=False):
        if left != right:
            break
        common += 1
    # Forming the adjective changes at most the last three letters (Лозова → Лозівська).
    return common if common >= 3 and len(form) - common <= 3 else 0


def centre_candidates(hromada_name, settlements):
    """The settlements of (name, category) that best explain the hromada's name.

    Where a city, a settlement and a village share the name, the higher-ranking one is the
    centre (Шевченкове the settlement, not Шевченкове the village).
    """
    stem = _stem(hromada_name)
    scored = []
    for name, category in settlements:
        if category in _RANK:
            score = max(_match(stem, form) for form in _forms(name))
            if score:
                scored.append(((score, _RANK[category]), name, category))
    if not scored:
        return []
    best = max(key for key, _name, _category in scored)
    return [(name, category) for key, name, category in scored if key == best]


def hromada_type_from_centre(hromada_name, settlements):
    """'city', 'settlement' or 'village'; '' when the codifier cannot tell."""
    types = {_TYPE[category] for _name, category in centre_candidates(hromada_name, settlements)}
    return types.pop() if len(types) == 1 else ""
