"""factory_boy factories for the members app (Faker's Ukrainian locale), for tests."""

import factory
from factory.django import DjangoModelFactory

from members.models import Council, TerritorialUnit


class TerritorialUnitFactory(DjangoModelFactory):
    class Meta:
        model = TerritorialUnit

    code = factory.Sequence(lambda n: f"UA63{n + 1:015d}")
    category = TerritorialUnit.Category.HROMADA
    name = factory.Faker("city", locale="uk_UA")


class RaionFactory(TerritorialUnitFactory):
    category = TerritorialUnit.Category.RAION
    name = factory.Sequence(lambda n: f"Район{n}ський")


class HromadaFactory(TerritorialUnitFactory):
    """A hromada; pass parent=<a raion> to place it (each raion is a unit that counts)."""

    category = TerritorialUnit.Category.HROMADA


class CouncilFactory(DjangoModelFactory):
    class Meta:
        model = Council

    unit = factory.SubFactory(HromadaFactory)
    kind = Council.Kind.HROMADA
    hromada_type = Council.HromadaType.VILLAGE
    name = factory.LazyAttribute(lambda council: f"{council.unit.name} сільська рада")
    slug = factory.Sequence(lambda n: f"council-{n + 1}")
