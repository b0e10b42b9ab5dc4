import logging

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView

from core.db import DATABASE_ERRORS
from core.views import PreviewMixin, only_in_ukrainian
from documents.models import attached_documents
from legalhelp import reads
from legalhelp.emails import request_from_token, send_request_emails, status_path
from legalhelp.forms import AskForm, council_choices
from legalhelp.models import Consultation, ConsultationRequest, LegalAct, Topic
from legalhelp.structured_data import faq_page
from submissions.limits import is_ratelimited

logger = logging.getLogger(__name__)

LIST_SIZE = 5
TOPIC_PAGE_SIZE = 20
SAME_ACTS_SIZE = 10
DEFAULT_RATE = "10/h"


def breadcrumbs(*trail):
    return [(reverse("legalhelp:index"), _("Legal help")), *trail]


def topic_counts():
    """{topic pk: published consultations in it}, in the page's language (one query)."""
    rows = (
        Consultation.objects.for_list()
        .order_by()
        .values("topics")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["topics"]: row["count"] for row in rows if row["topics"]}


def index(request):
    counts = topic_counts()
    topics = [topic for topic in Topic.objects.all() if counts.get(topic.pk) and topic.is_named()]
    for topic in topics:
        topic.count = counts[topic.pk]
    year = timezone.localdate().year
    return render(
        request,
        "legalhelp/index.html",
        {
            "topics": topics,
            "newest": Consultation.objects.for_list()[:LIST_SIZE],
            "most_read": Consultation.objects.most_read()[:LIST_SIZE],
            "figures": ConsultationRequest.objects.figures(year),
            "year": year,
        },
    )


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    if not topic.is_named():
        return only_in_ukrainian(request, topic)
    consultations = Consultation.objects.for_list().filter(topics=topic)
    listed = list(consultations[: TOPIC_PAGE_SIZE + 1])
    return render(
        request,
        "legalhelp/topic.html",
        {
            "topic": topic,
            "count": consultations.count() if len(listed) > TOPIC_PAGE_SIZE else len(listed),
            "consultations": listed[:TOPIC_PAGE_SIZE],
            "most_read": Consultation.objects.most_read().filter(topics=topic)[:LIST_SIZE],
            "breadcrumbs": breadcrumbs(),
        },
    )


def act(request, pk):
    legal_act = get_object_or_404(LegalAct, pk=pk)
    return render(
        request,
        "legalhelp/act.html",
        {
            "act": legal_act,
            "consultations": Consultation.objects.for_list().filter(acts=legal_act).distinct(),
            "breadcrumbs": breadcrumbs(),
        },
    )


class ConsultationDetailView(PreviewMixin, DetailView):
    model = Consultation
    context_object_name = "consultation"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "topics",
                Prefetch("related", Consultation.objects.for_list()),
            )
        )

    def get_context_data(self, **kwargs):
        consultation = self.object
        acts = {citation.act_id for citation in consultation.ordered_citations}
        same_acts = (
            Consultation.objects.for_list()
            .filter(acts__in=acts)
            .exclude(pk=consultation.pk)
            .distinct()[:SAME_ACTS_SIZE]
            if acts
            else []
        )
        return super().get_context_data(**kwargs) | {
            "breadcrumbs": breadcrumbs(),
            "same_acts": same_acts,
            "documents": attached_documents(consultation),
            "json_ld": faq_page(consultation, self.request),
        }

    def render_to_response(self, context, **kwargs):
        if self.object.is_public and not self.request.user.is_staff:
            reads.count_read(self.object.pk)
        return super().render_to_response(context, **kwargs)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    try:
        result = _receive(request)
    except DATABASE_ERRORS as error:
        if request.method != "POST":
            raise
        logger.error("Database unavailable, consultation request not saved: %s", error)
        # Without a request context: the context processors would query the database.
        html = render_to_string(
            "legalhelp/not_saved.html",
            {"question": request.POST.get("question", ""), "action": reverse("legalhelp:ask")},
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        return response
    if not hasattr(result, "pk"):
        return result  # a page: the form or its errors
    if result.new is not None:  # a repeat was answered the first time: no e-mail again
        send_request_emails(result.new)
    stored = ConsultationRequest.objects.get(pk=result.pk)
    return redirect(status_path(stored) + "&sent=1")


def _receive(request):
    councils = council_choices()
    if request.method != "POST":
        return _ask_page(request, AskForm(councils=councils, session=request.session))
    form = AskForm(request.POST, request.FILES, councils=councils, session=request.session)
    limited = is_ratelimited(
        request,
        group="legalhelp.ask",
        rate=getattr(settings, "LEGALHELP_REQUEST_RATE", DEFAULT_RATE),
    )
    if limited:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many questions were sent from your network in the last hour. "
                "Nothing was saved; please try again later. What you typed is kept below."
            ),
        )
        return _ask_page(request, form, status=429)
    if not form.is_valid():
        return _ask_page(request, form)
    return form.save(language=translation.get_language())


def _ask_page(request, form, status=200):
    return render(
        request,
        "legalhelp/ask.html",
        {"form": form, "breadcrumbs": breadcrumbs()},
        status=status,
    )


def status(request):
    consultation_request = request_from_token(request.GET.get("ref"))
    if consultation_request is None:
        raise Http404
    response = render(
        request,
        "legalhelp/status.html",
        {
            "consultation_request": consultation_request,
            "just_sent": request.GET.get("sent") == "1",
            "Status": ConsultationRequest.Status,
            "breadcrumbs": breadcrumbs((reverse("legalhelp:ask"), _("Ask a question"))),
        },
    )
    # The link is the key to the request: never cached, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def consultations(request):
    """/consultations/, the address people guess for the desk."""
    return redirect("legalhelp:ask", permanent=True)
