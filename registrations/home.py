"""What registrations add to the event page and the staff dashboard (see apps.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from registrations.models import RegistrationSettings, State


def event_box(request, event):
    """The registration box of an event's page: places left, closed, the waiting list."""
    setup = RegistrationSettings.objects.filter(event=event).first()
    if setup is None:
        return None
    setup.event = event
    counts = setup.counts()
    return {
        "registration": setup,
        "registration_state": setup.state(counts["confirmed"]),
        "registration_places_left": max(setup.capacity - counts["confirmed"], 0),
        "registration_waiting": counts["waiting"],
        "State": State,
    }


def upcoming_for_staff(request):
    """One row per upcoming event with registration: taken of places, waiting."""
    setups = (
        RegistrationSettings.objects.upcoming()
        .select_related("event")
        .annotate(
            confirmed=Count("event__registrants", filter=Q(event__registrants__status="confirmed")),
            waiting=Count("event__registrants", filter=Q(event__registrants__status="waiting")),
        )
        .order_by("event__starts_at")[:10]
    )
    url = reverse("admin:registrations_registrant_changelist")
    return [
        (
            _("%(event)s: %(confirmed)d of %(capacity)d places taken, %(waiting)d waiting")
            % {
                "event": setup.event.title,
                "confirmed": setup.confirmed,
                "capacity": setup.capacity,
                "waiting": setup.waiting,
            },
            f"{url}?event__id__exact={setup.event_id}",
        )
        for setup in setups
    ]
