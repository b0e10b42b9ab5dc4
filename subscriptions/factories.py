from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from subscriptions.models import Digest, Subscriber


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "uk"
    status = Subscriber.Status.ACTIVE
    topics = factory.LazyFunction(lambda: ["news", "events"])


class DigestFactory(DjangoModelFactory):
    class Meta:
        model = Digest

    kind = Digest.Kind.ON_DEMAND
    period_start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    period_end = factory.LazyFunction(timezone.now)
