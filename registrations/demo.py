"""Registration on the site for two of news' demo events (invented, and marked so)."""

from news.models import Event
from registrations.models import RegistrationSettings

DEMO = [
    # (the start of the event's Ukrainian title, settings)
    ("Консультація для громад з просторового планування", {"capacity": 25}),
    ("День відкритих дверей Асоціації", {"capacity": 3, "ask_phone": True}),
]


def load(command, **options):
    """Open registration for the demo events; running it again changes nothing."""
    for title, values in DEMO:
        event = Event.objects.filter(title_uk__startswith=title).first()
        if event is None:
            continue
        _setup, created = RegistrationSettings.objects.get_or_create(event=event, defaults=values)
        if created:
            command.stdout.write(f"  registration opened: {event.slug}")
