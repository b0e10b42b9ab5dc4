from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.collation import by_ukrainian_name
from core.views import PreviewMixin
from documents.forms import DocumentFilterForm
from documents.models import Document, Topic


class DocumentListView(ListView):
    """The library: filtered by kind, topic and year, in Ukrainian alphabetical order."""

    paginate_by = 20
    template_name = "documents/document_list.html"

    def get(self, request, *args, **kwargs):
        public = Document.objects.published().translated()
        self.topics = list(
            Topic.objects.filter(document__in=public).distinct().order_by(by_ukrainian_name())
        )
        self.filter_form = DocumentFilterForm(request.GET, topics=self.topics, years=public.years())
        if not self.filter_form.is_valid():
            raise Http404("Unknown filter value")
        self.filters = self.filter_form.cleaned_data
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        documents = Document.objects.published().translated()
        if "kind" in self.filters:
            documents = documents.filter(kind=self.filters["kind"])
        if "topic" in self.filters:
            documents = documents.filter(topics__slug=self.filters["topic"])
        if "year" in self.filters:
            documents = documents.filter(issued_on__year=self.filters["year"])
        return documents.in_ukrainian_order()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, filtered=bool(self.filters), **kwargs
        )


class DocumentDetailView(PreviewMixin, DetailView):
    model = Document
    context_object_name = "document"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("topics")

    def get_context_data(self, **kwargs):
        crumbs = [(reverse("documents:document-list"), _("Documents"))]
        return super().get_context_data(breadcrumbs=crumbs, **kwargs)
