from members.models import Council


def home_sections():
    """Context for this app's sections of the home page: the live membership figures."""
    figures = Council.objects.membership_figures()
    return {"membership_figures": figures if figures.members else None}
