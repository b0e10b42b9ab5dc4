"""factory_boy factories of the knowledge base and the desk, shared by the demo and the tests."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from legalhelp.models import Citation, Consultation, ConsultationRequest, LegalAct, Topic


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name_uk = factory.Sequence(lambda n: f"Тема {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class LegalActFactory(DjangoModelFactory):
    class Meta:
        model = LegalAct

    kind = LegalAct.Kind.LAW
    title_uk = "Про місцеве самоврядування в Україні"
    title_en = "On Local Self-Government in Ukraine"
    number = "280/97-ВР"
    adopted_on = datetime.date(1997, 5, 21)
    official_url = "https://zakon.rada.gov.ua/laws/show/280/97-%D0%B2%D1%80"


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title_uk = factory.Sequence(lambda n: f"Як громаді вирішити питання № {n}?")
    title_en = factory.Sequence(lambda n: f"How does a hromada settle question {n}?")
    short_answer_uk = "Коротка відповідь у одне речення."
    short_answer_en = "A short answer in one sentence."
    body_uk = "<p>Повна відповідь.</p>"
    body_en = "<p>The full answer.</p>"
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    valid_as_of = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def acts(self, create, extracted, **kwargs):
        for order, act in enumerate(extracted or []):
            Citation.objects.create(consultation=self, act=act, order=order)


class RequestFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    name = factory.Faker("name", locale="uk_UA")
    position = "секретар сільської ради"
    email = factory.Sequence(lambda n: f"asker{n}@example.org")
    phone = "+380501234567"
    council_name = "Демонстраційна сільська рада"
    question = factory.Faker("paragraph", nb_sentences=5, locale="uk_UA")
    language = "uk"
    consent_given_at = factory.LazyFunction(timezone.now)
