"""factory_boy factories of the page tree, shared by the demo content and the tests."""

import factory
from factory.django import DjangoModelFactory

from pages.models import ContactCard, ContactMessage, Page, PageRedirect, RichText


class PageFactory(DjangoModelFactory):
    """A published page at the top of the tree; pass `parent` to place it lower."""

    class Meta:
        model = Page

    title_uk = factory.Sequence(lambda n: f"Сторінка {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    lead_uk = "Вступ сторінки."
    lead_en = "The page's lead."
    status = Page.Status.PUBLISHED


class RichTextFactory(DjangoModelFactory):
    class Meta:
        model = RichText

    region = "main"
    ordering = factory.Sequence(lambda n: (n + 1) * 10)
    text_uk = "<p>Текст сторінки.</p>"
    text_en = "<p>The page's text.</p>"


class ContactCardFactory(DjangoModelFactory):
    class Meta:
        model = ContactCard

    region = "main"
    ordering = factory.Sequence(lambda n: (n + 1) * 10)
    name_uk = "Центр"
    name_en = "The Centre"
    address_uk = "майдан Свободи, 5, Держпром, 6 під’їзд, Харків"
    address_en = "5 Svobody Square, Derzhprom, entrance 6, Kharkiv"


class PageRedirectFactory(DjangoModelFactory):
    class Meta:
        model = PageRedirect

    old_path = factory.Sequence(lambda n: f"/stara-adresa-{n}/")
    page = factory.SubFactory(PageFactory)


class ContactMessageFactory(DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = "Олена Петренко"
    email = "olena@example.org"
    subject = "Питання про програму"
    message = "Коли почнеться наступний набір?"
