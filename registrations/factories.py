import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from news.factories import EventFactory
from registrations.models import EventMessage, Registrant, RegistrationSettings


class RegistrationSettingsFactory(DjangoModelFactory):
    class Meta:
        model = RegistrationSettings

    event = factory.SubFactory(EventFactory)
    capacity = 20


class RegistrantFactory(DjangoModelFactory):
    class Meta:
        model = Registrant

    event = factory.LazyAttribute(lambda _: RegistrationSettingsFactory().event)
    name = factory.Faker("name", locale="uk_UA")
    organisation = "Громадська організація «Діалог»"
    position = "Координаторка"
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    language = "uk"
    status = Registrant.Status.CONFIRMED
    consent_given_at = factory.LazyFunction(timezone.now)


class EventMessageFactory(DjangoModelFactory):
    class Meta:
        model = EventMessage

    event = factory.LazyAttribute(lambda _: RegistrationSettingsFactory().event)
    subject = "Зміна аудиторії"
    body = "Зустрічаємося в залі 2."
