"""Documents in the site search, with the text of their files (registered in ready())."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from search import registry
from search.documents import joined, publishable_documents


def document_documents(document):
    return publishable_documents(
        document,
        lambda document: {
            "title": document.title,
            # A scanned PDF has no text: its title and description still find it.
            "text": joined(document.number, document.description, document.text),
            "url": document.get_absolute_url(),
            "date": document.issued_on or document.publish_at,
        },
    )


def register():
    registry.register(
        Document,
        kind="document",
        label=_("Document"),
        plural=_("Documents"),
        order=40,
        documents=document_documents,
    )
