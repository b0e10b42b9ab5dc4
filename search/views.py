from django.shortcuts import render
from django.utils import translation

from search.kinds import all_kinds
from search.query import search


def results(request):
    """/search/?q=…&kind=…&page=…: never an error, whatever the parameters hold."""
    found = search(
        request.GET.get("q", ""),
        language=translation.get_language(),
        kind=request.GET.get("kind"),
        page=request.GET.get("page", 1),
    )
    filters = [
        {"kind": kind.name, "label": kind.plural, "count": found.counts[kind.name]}
        for kind in all_kinds()
        if found.counts.get(kind.name)
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
