"""A small oblast for the members app's tests, built with the app's factories."""

from members.factories import CouncilFactory, HromadaFactory, RaionFactory, TerritorialUnitFactory
from members.models import Council, TerritorialUnit


def build_oblast(raions=2, hromadas_per_raion=3, not_members=1):
    """An oblast with its raions and hromadas, every unit with a council.

    The last `not_members` hromada councils are not members. Returns a dict of the objects.
    """
    oblast = TerritorialUnitFactory(category=TerritorialUnit.Category.OBLAST, name="Харківська")
    oblast_council = CouncilFactory(
        unit=oblast, kind=Council.Kind.OBLAST, hromada_type="", name="Харківська обласна рада"
    )
    raion_units, raion_councils, hromada_councils = [], [], []
    for r in range(raions):
        raion = RaionFactory(parent=oblast, name=f"Район{r}ський")
        raion_units.append(raion)
        raion_councils.append(
            CouncilFactory(
                unit=raion, kind=Council.Kind.RAION, hromada_type="", name=f"Район{r}ська рада"
            )
        )
        for h in range(hromadas_per_raion):
            hromada = HromadaFactory(parent=raion, name=f"Громада{r}{h}ська")
            TerritorialUnitFactory(
                parent=hromada, category=TerritorialUnit.Category.VILLAGE, name=f"Село{r}{h}"
            )
            hromada_councils.append(
                CouncilFactory(unit=hromada, name=f"Громада{r}{h}ська сільська рада")
            )
    for council in hromada_councils[len(hromada_councils) - not_members :]:
        council.status = Council.Status.NOT_MEMBER
        council.save()
    return {
        "oblast": oblast,
        "oblast_council": oblast_council,
        "raions": raion_units,
        "raion_councils": raion_councils,
        "hromada_councils": hromada_councils,
    }
