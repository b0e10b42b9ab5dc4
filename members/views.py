from django.conf import settings
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.publishing import untranslated_fields
from documents.models import attached_documents
from members import opendata
from members.forms import RegistryFilterForm
from members.maps import locator_map, registry_map
from members.models import Association, BoardPost, Council, TerritorialUnit
from members.overview import council_cards, oblast_overview

COUNCIL_TEXT_FIELDS = ("head_name", "head_title", "address", "description")


def original_url(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def breadcrumbs():
    return [(reverse("members:council-list"), _("Association members"))]


class CouncilListView(ListView):
    """The registry: figures, the member councils with filters, the map and the open data."""

    template_name = "members/council_list.html"
    context_object_name = "councils"
    # Every council of an oblast fits on one page; ?page= is still checked (a bad one is a 404).
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        self.overview = oblast_overview()
        raions = [row.unit for row in self.overview.raions if row.unit.in_codifier]
        self.form = RegistryFilterForm(request.GET or None, raions=raions)
        self.filters = self.form.filters()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        councils = Council.objects.members()
        if self.filters["raion"] is not None:
            councils = councils.in_raion(self.filters["raion"])
        if self.filters["kind"]:
            councils = councils.of_kind(self.filters["kind"])
        if self.filters["q"]:
            councils = councils.search(self.filters["q"])
        return council_cards(councils.by_name())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "form": self.form,
            "filters": self.filters,
            "figures": Council.objects.membership_figures(),
            "overview": self.overview,
            "oblast_map": registry_map(),
            "association": Association.objects.current(),
            "fields": opendata.FIELDS,
        }


class CouncilDetailView(DetailView):
    template_name = "members/council_detail.html"
    context_object_name = "council"

    def get_queryset(self):
        return Council.objects.select_related("unit", "unit__parent", "unit__parent__council")

    def get_context_data(self, **kwargs):
        council = self.object
        children = (
            TerritorialUnit.objects.current()
            .filter(parent=council.unit)
            .select_related("council")
            .by_name()
        )
        # The hromada's city first, then its settlements, then its villages, each alphabetical.
        rank = {"M": 0, "X": 1, "T": 2, "C": 3}
        # Programs build on the registry, not the other way round: their model is reached
        # through the relation they point at the council with.
        participations = council.program_participations
        Program = participations.model._meta.get_field("program").related_model
        return super().get_context_data(**kwargs) | {
            "breadcrumbs": breadcrumbs(),
            "children": sorted(children, key=lambda unit: rank.get(unit.category, 0)),
            "locator_map": (
                locator_map(council.unit.code) if council.kind != Council.Kind.OBLAST else None
            ),
            # What the other apps link to this council: one query each, a few items each.
            "participations": list(
                participations.filter(program__in=Program.objects.published().translated())
                .select_related("program")
                .order_by("-program__starts_on", "program__pk")
            ),
            "related_articles": list(council.articles.published().translated().newest_first()[:5]),
            "related_events": list(council.events.upcoming().translated()[:5]),
            # Text not translated into the page's language is left out, not shown in Ukrainian
            # (docs/decisions/0014-language-parity.md); the page links to the Ukrainian one.
            "untranslated_fields": untranslated_fields(council, COUNCIL_TEXT_FIELDS),
            "original_url": original_url(council),
        }


@require_safe
def association_view(request):
    association = Association.objects.current()
    return render(
        request,
        "members/association.html",
        {
            "breadcrumbs": breadcrumbs(),
            "association": association,
            # The statute and the founding documents: the library's, attached to the page.
            "documents": attached_documents(association) if association else [],
            "association_name": Association.objects.current_name(),
            "figures": Council.objects.membership_figures(),
            "board": list(BoardPost.objects.for_listing()),
        },
    )


@require_safe
def open_data_view(request):
    """The dataset passport, in the manner of Ukrainian public bodies' open data."""
    stats = Council.objects.members().aggregate(count=Count("pk"), modified=Max("updated_at"))
    return render(
        request,
        "members/open_data.html",
        {
            "breadcrumbs": breadcrumbs(),
            "association_name": Association.objects.current_name(),
            "fields": opendata.FIELDS,
            "modified": stats["modified"],
            "count": stats["count"],
        },
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may read it
    return response


@require_safe
def export_csv(request):
    return _download(
        opendata.as_csv(opendata.records(request)), "text/csv; charset=utf-8", "members.csv"
    )


@require_safe
def export_json(request):
    return _download(
        opendata.as_json(opendata.records(request)),
        "application/json; charset=utf-8",
        "members.json",
    )


@require_safe
def structure_csv(request):
    return _download(
        opendata.structure_as_csv(), "text/csv; charset=utf-8", "members-structure.csv"
    )


@require_safe
def structure_json(request):
    return _download(
        opendata.as_json(opendata.structure()),
        "application/json; charset=utf-8",
        "members-structure.json",
    )
