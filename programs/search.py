"""Programs in the site search (registered in ProgramsConfig.ready)."""

from portal.search import registry
from portal.search.documents import in_each_language, joined
from programs.models import Program


def program_documents(program):
    if not program.is_published:
        return {}
    return in_each_language(
        program,
        lambda program: {
            "title": program.title,
            "text": joined(program.tagline, program.summary, program.body, program.eligibility),
            "url": program.get_absolute_url(),
            "date": program.starts_on,
            "visible_from": None,
        },
    )


def register():
    registry.register(Program, kind="program", documents=program_documents)
