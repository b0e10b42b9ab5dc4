from modeltranslation.translator import TranslationOptions, register

from pages.models import (
    CallToAction,
    ContactCard,
    DocumentsBlock,
    ImageBlock,
    Page,
    RichText,
    SiteNotice,
)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "lead")
    required_languages = ("uk",)


@register(RichText)
class RichTextTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("uk",)


@register(ImageBlock)
class ImageBlockTranslation(TranslationOptions):
    fields = ("caption",)


@register(DocumentsBlock)
class DocumentsBlockTranslation(TranslationOptions):
    fields = ("heading",)


@register(ContactCard)
class ContactCardTranslation(TranslationOptions):
    fields = ("name", "role", "address", "hours")
    required_languages = {"uk": ("name",)}


@register(CallToAction)
class CallToActionTranslation(TranslationOptions):
    fields = ("text", "link_label", "url")
    required_languages = {"uk": ("text", "link_label", "url")}


@register(SiteNotice)
class SiteNoticeTranslation(TranslationOptions):
    fields = ("message", "link_text", "link_url")
    required_languages = ("uk",)
