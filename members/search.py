"""Member councils in the site search (registered in MembersConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from members.models import Council
from search import registry
from search.documents import in_each_language, joined


def council_documents(council):
    if not council.is_member:
        return {}
    return in_each_language(
        council,
        lambda council: {
            "title": council.name,
            # The settlements' names too, so "Балаклія" finds the Балаклійська council.
            "text": joined(
                council.kind_label,
                council.unit.name,
                " ".join(unit.name for unit in council.unit.children.all()),
                council.description,
            ),
            "url": council.get_absolute_url(),
            "date": None,
            "visible_from": None,
        },
        translated_field="name",
    )


def register():
    registry.register(
        Council,
        kind="council",
        label=_("Member council"),
        plural=_("Association members"),
        order=40,
        documents=council_documents,
        queryset=lambda: Council.objects.select_related("unit").prefetch_related("unit__children"),
    )
