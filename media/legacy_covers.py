"""Moving the covers that were uploaded into each item into the media library (migrations).

Used by one data migration per content app (news, programs, legalhelp, pages, documents),
with the historical models: each cover becomes a library image with its file, renditions,
size, and alt text, caption and credit in both languages; the item then points at it. Files
are not copied: the library image names the stored file (and its renditions) as it is.

Identical files are stored once in the library: a cover whose file (by name, then by a
SHA-256 of its content) and texts match a library image reuses it. The same file with other
texts becomes a second library image naming the same file, so no description is lost (a
file that another image still names is never removed, core.files).
"""

import hashlib

from django.db import migrations

from core.images import LibraryImageField

LANGUAGES = ("uk", "en")
TEXTS = ("alt", "caption", "credit")
OLD_FIELDS = (
    "legacy_cover",
    "cover_width",
    "cover_height",
    "cover_renditions",
    *(f"cover_{text}{suffix}" for text in TEXTS for suffix in ("", "_uk", "_en")),
)


def _digest(file):
    try:
        with file.storage.open(file.name, "rb") as stored:
            return hashlib.sha256(stored.read()).hexdigest()
    except OSError:  # the file is missing from the storage: matched by its name only
        return None


def _texts(item):
    return {
        f"{text}_{language}": getattr(item, f"cover_{text}_{language}", None) or ""
        for text in TEXTS
        for language in LANGUAGES
    }


class _Library:
    """The library images a migration can reuse, found by file name or content."""

    def __init__(self, Image):
        self.Image = Image
        self._by_digest = None

    def by_digest(self):
        if self._by_digest is None:
            self._by_digest = {}
            for image in self.Image.objects.all():
                self._by_digest.setdefault(_digest(image.file), []).append(image)
        return self._by_digest

    def find(self, file, texts):
        def same_texts(image):
            return all((getattr(image, key) or "") == value for key, value in texts.items())

        named = [image for image in self.Image.objects.filter(file=file.name) if same_texts(image)]
        if named:
            return named[0]
        digest = _digest(file)
        if digest is None:
            return None
        return next(filter(same_texts, self.by_digest().get(digest, [])), None)

    def add(self, image):
        self.by_digest().setdefault(_digest(image.file), []).append(image)


def covers_into_library(model_names):
    """A RunPython forward function for the models `app_label.model` in `model_names`."""

    def forward(apps, schema_editor):
        Image = apps.get_model("media", "Image")
        library = _Library(Image)
        for name in model_names:
            Model = apps.get_model(name)
            for item in Model._base_manager.exclude(legacy_cover="").order_by("pk"):
                texts = _texts(item)
                image = library.find(item.legacy_cover, texts)
                if image is None:
                    image = _library_image(Image, item, texts)
                    library.add(image)
                Model._base_manager.filter(pk=item.pk).update(cover=image)
        _checks_now(schema_editor)

    def backward(apps, schema_editor):
        for name in model_names:
            Model = apps.get_model(name)
            for item in Model._base_manager.filter(cover__isnull=False).select_related("cover"):
                image = item.cover
                values = {f"cover_{key}": value for key, value in _texts_of_image(image).items()}
                Model._base_manager.filter(pk=item.pk).update(
                    legacy_cover=image.file.name,
                    cover_width=image.width,
                    cover_height=image.height,
                    cover_renditions=image.file_renditions,
                    cover_alt=values["cover_alt_uk"],
                    cover_caption=values["cover_caption_uk"],
                    cover_credit=values["cover_credit_uk"],
                    **values,
                )
        _checks_now(schema_editor)

    return forward, backward


def _library_image(Image, item, texts):
    name = item.legacy_cover.name
    renditions = item.cover_renditions or {}
    image = Image.objects.create(
        title=(item.title_uk or item.title or name)[:200],
        # The name is set below, by an update: a model with the name of a file missing from
        # the storage would try to read its size (and fail) when it is made.
        file="",
        width=item.cover_width,
        height=item.cover_height,
        file_renditions=renditions if renditions.get("source") == name else {},
        alt=texts["alt_uk"],
        caption=texts["caption_uk"],
        credit=texts["credit_uk"],
        **texts,
    )
    Image.objects.filter(pk=image.pk).update(file=name)
    return Image.objects.get(pk=image.pk)


def _checks_now(schema_editor):
    # The new keys are checked now, not at commit: PostgreSQL refuses to alter a table
    # (the old columns are removed next) with checks still pending.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _texts_of_image(image):
    return {
        f"{text}_{language}": getattr(image, f"{text}_{language}") or ""
        for text in TEXTS
        for language in LANGUAGES
    }


def operations(app_label, *model_names):
    """The schema and data operations that move the covers of `model_names` to the library."""
    forward, backward = covers_into_library([f"{app_label}.{name}" for name in model_names])
    steps = []
    for name in model_names:
        steps.append(migrations.RenameField(name, "cover", "legacy_cover"))
        steps.append(
            migrations.AddField(
                name,
                "cover",
                LibraryImageField(
                    "cover image",
                    null=True,
                    blank=True,
                    help_text=(
                        "Chosen from the media library, where its alternative text, caption, "
                        "credit and focal point are kept. Type to search by name or description."
                    ),
                ),
            )
        )
    steps.append(migrations.RunPython(forward, backward, elidable=False))
    for name in model_names:
        steps += [migrations.RemoveField(name, field) for field in OLD_FIELDS]
    return steps
