import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.db import DATABASE_ERRORS
from core.views import only_in_ukrainian
from news.models import Event
from registrations.emails import after_promotion, send_registration_emails
from registrations.forms import RegistrationForm
from registrations.models import Refused, Registrant, RegistrationSettings, State
from submissions.limits import is_ratelimited

logger = logging.getLogger(__name__)

DEFAULT_RATE = "10/h"
REFERENCE_SALT = "registrations.reference"


def refusal_message(code):
    """What the form says when no place can be taken; never anything about other people."""
    messages = {
        State.CANCELLED: _("This event is cancelled, so registration is not possible."),
        State.PAST: _("This event is over, so registration is not possible."),
        State.OFF: _("Registration for this event is closed."),
        State.CLOSED: _("The registration deadline has passed. Nothing was saved."),
        State.FULL: _("All places are taken and there is no waiting list."),
        "duplicate": _(
            "This e-mail address is already registered for this event. The confirmation was "
            "sent to it; to cancel, follow the link in that e-mail."
        ),
    }
    return messages[code]


def _breadcrumbs(event):
    return [(reverse("news:event-list"), _("Events")), (event.get_absolute_url(), event.title)]


def _setup(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    try:
        return event, RegistrationSettings.objects.select_related("event").get(event=event)
    except RegistrationSettings.DoesNotExist:
        raise Http404 from None


def _page(request, setup, form, status=200, refusal=None):
    counts = setup.counts()
    state = setup.state(counts["confirmed"])
    return render(
        request,
        "registrations/register.html",
        {
            "event": setup.event,
            "setup": setup,
            "form": form,
            "state": state,
            "State": State,
            "places_left": max(setup.capacity - counts["confirmed"], 0),
            "refusal": refusal,
            "breadcrumbs": _breadcrumbs(setup.event),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    event, setup = _setup(request, slug)
    if not event.is_translated():
        # The form would sit under the event's Ukrainian title (decision 14).
        return only_in_ukrainian(
            request, event, lambda: reverse("registrations:register", args=[slug])
        )
    if request.method != "POST":
        return _page(request, setup, RegistrationForm(setup=setup, session=request.session))
    form = RegistrationForm(request.POST, setup=setup, session=request.session)
    limited = is_ratelimited(
        request,
        group="registrations.register",
        rate=getattr(settings, "REGISTRATION_RATE", DEFAULT_RATE),
    )
    if limited:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many registrations were sent from your network in the last hour. "
                "Nothing was saved; please try again later."
            ),
        )
        return _page(request, setup, form, status=429)
    if not form.is_valid():
        return _page(request, setup, form)
    try:
        stored = form.save(event, language=translation.get_language())
    except Refused as refusal:
        return _page(request, setup, form, status=409, refusal=refusal_message(refusal.code))
    except IntegrityError:  # the same address at the same moment: the constraint held
        return _page(request, setup, form, status=409, refusal=refusal_message("duplicate"))
    if stored.new is None:
        # The same address again (or the same form twice): say so, show nobody's data.
        return _page(request, setup, form, status=409, refusal=refusal_message("duplicate"))
    try:
        send_registration_emails(stored.new)
    except DATABASE_ERRORS:  # stored already; the e-mail is retried by the command
        logger.exception("Registration %s stored, e-mail status not recorded", stored.pk)
    reference = signing.dumps(stored.pk, salt=REFERENCE_SALT)
    return redirect(reverse("registrations:done", args=[slug]) + f"?ref={reference}")


def done(request, slug):
    event, _setup_row = _setup(request, slug)
    try:
        pk = signing.loads(request.GET.get("ref", ""), salt=REFERENCE_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        raise Http404 from None
    registrant = get_object_or_404(Registrant, pk=pk, event=event)
    return render(
        request,
        "registrations/done.html",
        {
            "event": event,
            "registrant": registrant,
            "Status": Registrant.Status,
            "breadcrumbs": _breadcrumbs(event),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """Cancel by the signed link of the confirmation e-mail: a page with a button (a GET
    cancels nothing, so a mail scanner that opens links cannot cancel), then the POST."""
    try:
        registrant = Registrant.from_cancel_token(token)
    except (signing.BadSignature, ValueError, TypeError):
        return render(request, "registrations/bad_link.html", status=400)
    if registrant is None or not registrant.email:  # deleted, or anonymised since
        return render(request, "registrations/bad_link.html", status=404)
    event = registrant.event
    context = {"event": event, "registrant": registrant, "Status": Registrant.Status}
    if request.method == "POST" and registrant.status != Registrant.Status.CANCELLED:
        promoted = registrant.cancel()
        after_promotion(promoted)
        context["just_cancelled"] = True
        context["promoted"] = bool(promoted)
    return render(request, "registrations/cancel.html", context)
