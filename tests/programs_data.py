"""Data for the programs tests: hromada councils made with the ORM (members has no factories)."""

from itertools import count as counter

from members.models import Council, TerritorialUnit

RAIONS = ["Харківський район", "Чугуївський район"]
_numbers = counter(1)


def make_hromadas(count=6, raions=RAIONS):
    """`count` hromada councils, spread over the raions, each with its KATOTTG units."""
    parents = [
        TerritorialUnit.objects.get_or_create(
            category="P",
            name_uk=name,
            defaults={"code": f"UA6312{next(_numbers):04d}000000000", "name_en": name},
        )[0]
        for name in raions
    ]
    councils = []
    for index in range(count):
        number = next(_numbers)
        name = f"Громада {number:02d}"
        unit = TerritorialUnit.objects.create(
            code=f"UA6314{number:04d}0000000",
            category="H",
            name_uk=name,
            parent=parents[index % len(parents)],
        )
        councils.append(
            Council.objects.create(
                unit=unit,
                kind="hromada",
                name_uk=f"{name} рада",
                name_en=f"Hromada {number:02d} council",
                slug=f"hromada-{number:02d}",
            )
        )
    return councils
