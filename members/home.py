"""What the members app contributes to the home page (see members/apps.py)."""

from members.models import Council


def membership_figures():
    """The live membership figures (hidden before the registry has members)."""
    figures = Council.objects.membership_figures()
    return {"membership_figures": figures if figures.members else None}
