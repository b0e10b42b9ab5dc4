"""factory_boy factories for news and events, shared by the tests and the demo content."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from news.models import Article, Category, Event


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name_uk = factory.Faker("word", locale="uk_UA")
    name_en = factory.Faker("word", locale="en_GB")
    slug = factory.Sequence(lambda n: f"category-{n}")


class PublicationFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        paragraphs = factory.Faker("paragraphs", nb=3, locale="uk_UA")
        # Complete in English (core.publishing: parity_fields), so it is shown on /en/.
        english = factory.Trait(
            title_en=factory.Faker("sentence", nb_words=6, locale="en_GB"),
            lead_en=factory.Faker("sentence", nb_words=14, locale="en_GB"),
            body_en=factory.Faker("paragraph", locale="en_GB"),
        )

    title_uk = factory.Faker("sentence", nb_words=6, locale="uk_UA")
    lead_uk = factory.Faker("sentence", nb_words=14, locale="uk_UA")
    body_uk = factory.LazyAttribute(lambda item: "".join(f"<p>{p}</p>" for p in item.paragraphs))
    status = Event.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def councils(self, create, extracted, **kwargs):
        if create and extracted:
            self.councils.set(extracted)


class ArticleFactory(PublicationFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True


class EventFactory(PublicationFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue_uk = "Держпром, 6 під’їзд"
    address_uk = "майдан Свободи, 5, Харків"
