from programs.models import Program


def home_sections():
    """Context for this app's sections of the home page: programs open for applications."""
    programs = (
        Program.objects.published().accepting_applications().order_by("application_deadline", "pk")
    )
    return {"open_programs": list(programs[:3])}
