"""What the members app contributes to the home page (see members/apps.py)."""

from members.models import Association, Council


def membership_figures():
    """The live membership figures (hidden before the registry has members)."""
    figures = Council.objects.membership_figures()
    if not figures.members:
        return {"membership_figures": None}
    return {"membership_figures": figures, "association_name": Association.objects.current_name()}
