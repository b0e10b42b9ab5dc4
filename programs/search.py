"""Programs in the site search (registered in ProgramsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from programs.models import Program
from search import registry
from search.documents import joined, publishable_documents


def program_documents(program):
    return publishable_documents(
        program,
        lambda program: {
            "title": program.title,
            "text": joined(program.tagline, program.summary, program.body, program.eligibility),
            "url": program.get_absolute_url(),
            "date": program.starts_on,
        },
    )


def register():
    registry.register(
        Program,
        kind="program",
        label=_("Program"),
        plural=_("Programs"),
        order=30,
        documents=program_documents,
    )
