import logging

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from core.db import DATABASE_ERRORS
from core.views import PreviewMixin
from documents.models import attached_documents
from programs.emails import send_application_emails
from programs.forms import ApplicationForm, StatusFilterForm, hromada_councils
from programs.models import Application, Mentor, Program, ProgramParticipation
from submissions.forms import Stored
from submissions.limits import is_ratelimited

logger = logging.getLogger(__name__)

# One POST a minute on average from one address is far above what people need; a burst of
# them is a script. Counted in the shared database cache, so it holds across gunicorn workers.
DEFAULT_RATE = "10/h"
REFERENCE_SALT = "programs.application-reference"


def breadcrumbs(program=None):
    trail = [(reverse("programs:list"), _("Educational programs"))]
    if program is not None:
        trail.append((program.get_absolute_url(), program.title))
    return trail


class ProgramListView(ListView):
    paginate_by = 12
    context_object_name = "programs"

    def get_queryset(self):
        self.filter_form = StatusFilterForm(self.request.GET)
        programs = (
            Program.objects.published()
            .translated()
            .in_list_order()
            .select_related("organiser", "cover")
        )
        if status := self.filter_form.selected_status():
            programs = programs.filter(computed_phase=status)
        return programs

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"filter_form": self.filter_form}


class ProgramDetailView(PreviewMixin, DetailView):
    model = Program
    context_object_name = "program"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "breadcrumbs": breadcrumbs(),
            # The library's documents attached to the program: one query, as the prefetch was.
            "documents": attached_documents(self.object),
        }

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organiser", "cover")
            .prefetch_related(
                "partners",
                "stages",
                "items",
                Prefetch("mentors", Mentor.objects.select_related("organisation")),
                "study_visits",
                Prefetch(
                    "participations",
                    ProgramParticipation.objects.select_related("council").in_page_order(),
                ),
            )
        )


def _program(request, slug):
    return get_object_or_404(Program.objects.visible_to(request.user), slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, slug):
    try:
        stored = _receive(request, slug)
    except DATABASE_ERRORS as error:
        if request.method != "POST":
            raise  # the site's 503 page (portal.middleware)
        return _not_saved(request, slug, error)
    if not isinstance(stored, Stored):
        return stored  # a page: the form, its errors, the program closed
    if stored.new is not None:  # a repeat was answered the first time: no e-mail again
        send_application_emails(stored.new)
    reference = signing.dumps(stored.pk, salt=REFERENCE_SALT)
    return redirect(reverse("programs:apply-done", args=[slug]) + f"?ref={reference}")


def _receive(request, slug):
    """The page to show, or the stored application (`submissions.forms.Stored`).

    Everything here may meet a database outage; nothing after it may say "not saved".
    """
    program = _program(request, slug)
    if not program.is_accepting_applications:
        return render(
            request,
            "programs/application_closed.html",
            {
                "program": program,
                "motivation": request.POST.get("motivation", ""),
                "breadcrumbs": breadcrumbs(program),
            },
            status=403,
        )
    councils = list(hromada_councils())
    if request.method != "POST":
        form = ApplicationForm(program=program, councils=councils, session=request.session)
        return _application_page(request, program, form)

    form = ApplicationForm(
        request.POST, program=program, councils=councils, session=request.session
    )
    limited = is_ratelimited(
        request,
        group="programs.apply",
        rate=getattr(settings, "PROGRAM_APPLICATION_RATE", DEFAULT_RATE),
    )
    if limited:
        form.is_valid()  # show the form as it was sent, with its errors, and keep the text
        form.add_error(
            None,
            _(
                "Too many applications were sent from your network in the last hour. "
                "Nothing was saved; please try again later. What you typed is kept below."
            ),
        )
        return _application_page(request, program, form, status=429)
    if not form.is_valid():
        return _application_page(request, program, form)
    return form.save(language=translation.get_language())


def _not_saved(request, slug, error):
    """The form again, as it was sent, saying that it was not saved: the database is down.

    Rendered without a request context (context processors query the database) and from
    the POST alone: the program and the hromadas may not have been read. The choices travel
    on as hidden fields; the one-time token was not consumed, so sending again works.
    """
    logger.error("Database unavailable, application not saved: %s", error)
    fields = ApplicationForm.base_fields
    typed = [
        {
            "name": name,
            "label": fields[name].label,
            "value": request.POST.get(name, ""),
            "type": "email" if name == "contact_email" else "text",
        }
        for name in ["contact_name", "contact_position", "contact_email", "contact_phone"]
    ]
    hidden = [
        (name, value)
        for name in ["lead_council", "partner_councils", "form_token"]
        for value in request.POST.getlist(name)
    ]
    html = render_to_string(
        "programs/application_not_saved.html",
        {
            "action": reverse("programs:apply", args=[slug]),
            "csrf_token": get_token(request),
            "typed": typed,
            "hidden": hidden,
            "motivation_label": fields["motivation"].label,
            "motivation": request.POST.get("motivation", ""),
            "consent_label": fields["consent"].label,
            "consent": bool(request.POST.get("consent")),
        },
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    return response


def _application_page(request, program, form, status=200):
    return render(
        request,
        "programs/application_form.html",
        {
            "program": program,
            "form": form,
            "councils_exist": bool(form.councils),
            "breadcrumbs": breadcrumbs(program),
        },
        status=status,
    )


def apply_done(request, slug):
    program = _program(request, slug)
    try:
        pk = signing.loads(request.GET.get("ref", ""), salt=REFERENCE_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        raise Http404 from None
    application = get_object_or_404(
        Application.objects.select_related("lead_council"), pk=pk, program=program
    )
    return render(
        request,
        "programs/application_done.html",
        {
            "program": program,
            "application": application,
            "stages": program.stages.all(),
            "breadcrumbs": breadcrumbs(program),
        },
    )
