from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.search.models import SearchDocument
from portal.search.query import search

# The filter's labels: plural, as in the main menu.
KIND_FILTERS = [
    (SearchDocument.Kind.NEWS, _("News")),
    (SearchDocument.Kind.EVENT, _("Events")),
    (SearchDocument.Kind.PROGRAM, _("Programs")),
    (SearchDocument.Kind.COUNCIL, _("Association members")),
]


def results(request):
    """/search/?q=…&kind=…&page=…: never an error, whatever the parameters hold."""
    found = search(
        request.GET.get("q", ""),
        language=translation.get_language(),
        kind=request.GET.get("kind"),
        page=request.GET.get("page", 1),
    )
    filters = [
        {"kind": kind, "label": label, "count": found.counts[kind]}
        for kind, label in KIND_FILTERS
        if found.counts.get(kind)
    ]
    response = render(
        request,
        "search/results.html",
        {
            "found": found,
            "filters": filters,
            "page_obj": found.page,
            # the header's search box shows what was searched
            "search_query": found.query,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
