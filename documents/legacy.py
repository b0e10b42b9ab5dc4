"""Files of the apps' former document models, moved into the library by data migrations.

Programs had their own ordered `programs.Document` rows and the association its
`members.FoundingDocument`s (decision 19 recorded it as a known defect; decision 31 the move).
Their migrations (programs 0009, members 0004) call `adopt()` with the historical models:
each row becomes a library `Document` (the file kept at its storage path, identical files one
document) and an `Attachment` in the row's order. Nothing here imports a model, so the
migrations keep working when the models change.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

from core.slugs import unique_slug
from core.uploads import sniffed_type
from documents.extraction import extract_text

logger = logging.getLogger(__name__)

# The kind a title names, in Ukrainian or English; the first that matches wins.
KIND_WORDS = [
    ("statute", r"статут\w*|statutes?"),
    ("methodical", r"методичн\w*|рекомендац\w*|посібник\w*|guidelines?|guides?|methodolog\w*"),
    ("model-decision", r"рішенн\w*|decisions?"),
    ("report", r"звіт\w*|reports?"),
    ("presentation", r"презентац\w*|presentations?|slides"),
    ("form", r"форма|форми|бланк\w*|анкет\w*|заявк\w*|шаблон\w*|forms?|templates?"),
]
KIND_PATTERNS = [
    (kind, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for kind, words in KIND_WORDS
]
KNOWN_TYPES = {"pdf", "docx", "xlsx", "odt", "doc", "rtf"}


def kind_for(*titles):
    """The library kind a document's titles name, or "other"."""
    text = " ".join(title or "" for title in titles)
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return "other"


@dataclass
class Row:
    """One file of a former model, and where it was shown."""

    owner: object  # the program, or the association
    position: int
    title_uk: str
    title_en: str
    file_name: str
    issued_on: date | None = None
    status: str = "published"
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None


def _digest(storage, name):
    """The file's SHA-256, or None when the storage no longer has it."""
    try:
        with storage.open(name, "rb") as file:
            digest = hashlib.sha256()
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None


def _read_file(document):
    """Type, size and text of a document's stored file, as the library's save() reads them."""
    stored = document.file
    try:
        stored.open("rb")
    except OSError:
        extension = stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
        logger.warning("Document file %s is missing from the storage", stored.name)
        return (extension if extension in KNOWN_TYPES else "pdf"), 0, ""
    try:
        detected = sniffed_type(stored)
        if detected not in KNOWN_TYPES:
            detected = stored.name.rsplit(".", 1)[-1].lower()
            detected = detected if detected in KNOWN_TYPES else "pdf"
        return detected, stored.size, extract_text(stored, detected)
    finally:
        stored.close()


def _visibility(rows):
    """The most visible of the owners' states: a file shown by any published owner is shown
    from the earliest of their publication moments, until the latest of their ends."""
    published = [row for row in rows if row.status == "published"]
    if not published:
        return {"status": "draft", "publish_at": None, "unpublish_at": None}
    ends = [row.unpublish_at for row in published]
    return {
        "status": "published",
        "publish_at": min(row.publish_at for row in published),
        "unpublish_at": None if None in ends else max(ends),
    }


def adopt(apps, rows, owner_model, now):
    """Make library documents and attachments of `rows` (in their order), for owners of
    `owner_model` ("app_label.model"). Identical files become one document, also when the
    library has the file already. Returns the number of documents created."""
    Document = apps.get_model("documents", "Document")
    Attachment = apps.get_model("documents", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model = owner_model.split(".")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    storage = Document._meta.get_field("file").storage

    by_digest = {}
    for document in Document.objects.exclude(file=""):
        digest = _digest(storage, document.file.name)
        if digest is not None:
            by_digest.setdefault(digest, document)

    groups = {}  # a digest (or the file's name when it is missing): the rows with that file
    for row in rows:
        row.publish_at = row.publish_at or now
        key = _digest(storage, row.file_name) or f"missing:{row.file_name}"
        groups.setdefault(key, []).append(row)

    created = 0
    documents = {}
    for key, group in groups.items():
        document = by_digest.get(key)
        if document is None:
            first = group[0]
            document = Document(
                title=first.title_uk,
                title_uk=first.title_uk,
                title_en=first.title_en or None,
                description="",
                description_uk="",
                kind=kind_for(first.title_uk, first.title_en),
                issued_on=first.issued_on,
                language="uk",
                slug=unique_slug(Document, first.title_uk, fallback="document"),
                file=first.file_name,
                **_visibility(group),
            )
            document.file_type, document.file_size, document.text = _read_file(document)
            document.text_source = first.file_name
            document.save()
            created += 1
        for row in group:
            documents[id(row)] = document

    # The moved files come first, in their order; what was attached already follows them.
    by_owner = {}
    for row in rows:
        by_owner.setdefault(row.owner.pk, []).append(row)
    for owner_pk, owner_rows in by_owner.items():
        existing = list(
            Attachment.objects.filter(content_type=content_type, object_id=owner_pk).order_by(
                "position", "pk"
            )
        )
        attached = {attachment.document_id for attachment in existing}
        position = 0
        for row in sorted(owner_rows, key=lambda row: row.position):
            document = documents[id(row)]
            if document.pk in attached:
                continue  # the same file twice on one page: listed once
            Attachment.objects.create(
                content_type=content_type,
                object_id=owner_pk,
                document=document,
                position=position,
            )
            attached.add(document.pk)
            position += 1
        for attachment in existing:
            attachment.position = position
            attachment.save(update_fields=["position"])
            position += 1
    return created


def attached_rows(apps, owner_model):
    """[(owner pk, position, library document)] of `owner_model`'s attachments: for the
    migrations' way back."""
    Attachment = apps.get_model("documents", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model = owner_model.split(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        return []
    return [
        (attachment.object_id, position, attachment.document)
        for position, attachment in enumerate(
            Attachment.objects.filter(content_type=content_type)
            .select_related("document")
            .order_by("object_id", "position", "pk")
        )
    ]


def forgetting(app_label, model):
    """A RunPython function that deletes a removed model's content type, with its
    permissions (which the role and group pages would otherwise show, named in English)."""

    def forget(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=app_label, model=model).delete()

    return forget


# Every model that refers to a content type, so that deleting one reaches them all: the
# permissions, the admin's log, the history, the trash and pending changes.
CONTENT_TYPE_USERS = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("core", "0002_trash_and_pending_changes"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]
