"""The admin of every versioned model (core/history.py): history with a field-by-field diff
(django-reversion-compare), restore of any version, deletion into the trash, pending changes
of live items, and the refusal of an edit made from an outdated copy.

`install()` (CoreConfig.ready, after the admin has loaded every app's admin.py) gives each
versioned model's admin the mixin, so an app added later has all of it without a line.
"""

import base64
import logging
import mimetypes

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, Resolver404, path, resolve, reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from reversion.admin import VersionAdmin
from reversion_compare.admin import CompareVersionAdmin

from core import history, mail, pending, plugins
from core.models import Deletion, PendingChange
from core.publishing import Publishable
from core.views import PreviewMixin

logger = logging.getLogger(__name__)

TOKEN_FIELD = "_edit_token"  # noqa: S105 (a form field's name, not a secret)
PUBLISH_CHANGES = "_publish_changes"
SUBMIT_FOR_REVIEW = "_submit_review"
RETURN_FROM_REVIEW = "_return_review"
# The change form's explicit publishing buttons (with the right to publish)
PUBLISH_NOW = "_publish_now"
SCHEDULE = "_schedule"
UNPUBLISH_NOW = "_unpublish_now"


def _display(value):
    if value in (None, "", []):
        return "—"
    return Truncator(str(value)).chars(160)


def person(user):
    if user is None:
        return gettext("someone (a deleted account)")
    return user.get_full_name() or user.get_username()


class ConflictMixin:
    """A save made from an outdated copy is refused: the form carries what it was made from
    (core.pending.edit_token), and a newer change names who made it and when, with what
    they changed, keeping the typed text. Every admin of a site app's model gets it."""

    # --- Edits of an outdated copy are refused ---

    def _conflict(self, request, obj):
        if not hasattr(request, "_edit_conflict"):
            request._edit_conflict = None
            if request.method == "POST" and obj is not None and TOKEN_FIELD in request.POST:
                request._edit_conflict = pending.conflict(obj, request.POST[TOKEN_FIELD])
        return request._edit_conflict

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        found = self._conflict(request, obj)
        if not found:
            return form
        who, when, _changes = found
        message = gettext(
            "%(person)s changed this item on %(when)s, while you were editing it. Your text "
            "is kept below; compare it with their changes (listed above the form) and save "
            "again to keep yours."
        ) % {
            "person": person(who),
            "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
            if when
            else "—",
        }

        class RefusedEdit(form):
            def clean(self):
                super().clean()
                raise ValidationError(message, code="edit_conflict")

        return RefusedEdit

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["edit_token"] = pending.edit_token(obj)
            found = self._conflict(request, obj)
            if found:
                context["edit_conflict_rows"] = [
                    (field.verbose_name, _display(before), _display(now))
                    for field, before, now in found[2]
                ]
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


class ExtraContextByKeyword:
    """Between reversion's admin and the type's own: reversion passes `extra_context` by
    position, which an admin taking it by keyword only (tree_queries' TreeAdmin) refuses."""

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, extra_context=extra_context)


class HistoryAdminMixin(ConflictMixin, CompareVersionAdmin):
    # (FormPreviewMixin, defined below, is mixed in by install())
    object_history_template = "admin/core/history.html"
    compare_template = "admin/core/compare.html"
    revision_form_template = "admin/core/revision_form.html"
    history_latest_first = True

    # --- Deletion goes to the trash ---

    def delete_model(self, request, obj):
        # The deletion itself puts the item in the trash (core.history, pre_delete).
        with transaction.atomic(), history.deleting_as(request.user):
            super().delete_model(request, obj)
        self._tell_trash(request, 1)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(), history.deleting_as(request.user):
            count = queryset.count()
            super().delete_queryset(request, queryset)
        self._tell_trash(request, count)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # Outside reversion's revision of the list: each item's trash revision must be
            # saved at once (a nested block would only be saved when the list's ends).
            return super(VersionAdmin, self).changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    def _tell_trash(self, request, count):
        self.message_user(
            request,
            ngettext(
                "%(count)d item moved to the trash: it can be recovered there for %(days)d days.",
                "%(count)d items moved to the trash: they can be recovered there for %(days)d "
                "days.",
                count,
            )
            % {"count": count, "days": settings.TRASH_DAYS},
            messages.INFO,
        )

    # --- Pending changes of live items (every Publishable type, with its inline rows) ---

    def keeps_pending_changes(self, obj):
        return isinstance(obj, Publishable)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = pending.posted_inlines(getattr(obj, "_pending_change", None))
        if request.method != "POST" and rows is not None:
            # The change form shows the pending rows (bound, as they were posted).
            kwargs.update(data=rows, files=None)
        return kwargs

    def may_publish(self, request, obj):
        check = getattr(self, "has_publish_permission", None)
        return bool(check and check(request, obj))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        match = request.resolver_match
        if (
            obj is not None
            and self.keeps_pending_changes(obj)
            and match is not None
            and match.url_name.endswith("_change")
        ):
            obj._was_public = obj.is_public
            change = pending.pending_for(obj)
            if change is not None:
                pending.apply(obj, change)
                obj._pending_change = change
        return obj

    def publishing_button(self, request, obj):
        """Which explicit publishing button was pressed, if the user may publish."""
        if not isinstance(obj, Publishable) or not self.may_publish(request, obj):
            return None
        pressed = [name for name in (PUBLISH_NOW, SCHEDULE, UNPUBLISH_NOW) if name in request.POST]
        return pressed[0] if pressed else None

    def save_model(self, request, obj, form, change):
        button = self.publishing_button(request, obj)
        now = timezone.now()
        if button == PUBLISH_NOW:
            obj.status, obj.publish_at = Publishable.Status.PUBLISHED, now
            if obj.unpublish_at and obj.unpublish_at <= now:
                obj.unpublish_at = None
        elif button == SCHEDULE:
            obj.status = Publishable.Status.PUBLISHED  # publish_at is ahead (checked by the form)
        elif button == UNPUBLISH_NOW:
            obj.status = Publishable.Status.DRAFT
        publishes = button is not None or (
            PUBLISH_CHANGES in request.POST and self.may_publish(request, obj)
        )
        if change and getattr(obj, "_was_public", False) and not publishes:
            links = {
                field.name: form.cleaned_data[field.name]
                for field in obj._meta.many_to_many
                if field.name in form.cleaned_data
            }
            submit = SUBMIT_FOR_REVIEW in request.POST
            inlines = pending.inline_data(request.POST) if self.get_inlines(request, obj) else None
            pending.store(obj, links, request.user, submit=submit, inlines=inlines)
            request._kept_pending = True
            if any("-" in key for key in request.FILES):
                self.message_user(
                    request,
                    gettext(
                        "Files chosen in the rows below the form are not kept with changes "
                        "that are not yet on the site: choose them again when publishing."
                    ),
                    messages.WARNING,
                )
            self.message_user(
                request,
                gettext(
                    "Submitted for review. The site shows the published version until a "
                    "publisher publishes the changes."
                )
                if submit
                else gettext(
                    "The changes are saved but not yet on the site: the public sees the "
                    "published version until someone with the right to publish presses "
                    "“Publish the changes”."
                ),
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)
        if change and isinstance(obj, Publishable):
            kept = getattr(obj, "_pending_change", None)
            if kept is not None:
                request._published_change = kept
            PendingChange.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
            ).delete()

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_kept_pending", False):
            formsets = []  # the rows were not saved: they are part of the pending change
        kept = getattr(request, "_published_change", None)
        if kept is None:
            return super().construct_change_message(request, form, formsets, add)
        # The form showed the pending state, so it "changed nothing": say what happened.
        return gettext("Published the changes saved by %(author)s on %(when)s.") % {
            "author": person(kept.author),
            "when": formats.date_format(timezone.localtime(kept.saved_at), "DATETIME_FORMAT"),
        }

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and RETURN_FROM_REVIEW in request.POST:
            return self.return_from_review(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def return_from_review(self, request, object_id):
        """A Publisher sends a submitted change back to its author with a comment; the
        change stays as it was submitted (the form's edits are not kept)."""
        obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if obj is None or not self.may_publish(request, obj):
            raise PermissionDenied
        change = pending.pending_for(obj)
        comment = request.POST.get("_review_comment", "").strip()
        if change is None or not change.submitted_at or not comment:
            self.message_user(
                request,
                gettext("Write a comment for the author to return the change."),
                messages.ERROR,
            )
        else:
            change.submitted_at = None
            change.review_comment = comment[:2000]
            change.save(update_fields=["submitted_at", "review_comment"])  # stored first
            self.message_user(
                request, gettext("The change is returned to its author."), messages.SUCCESS
            )
            self._tell_author(request, change)  # then e-mailed
        return HttpResponseRedirect(request.path)

    def _tell_author(self, request, change):
        """E-mail the author of a returned change its comment (it is on their dashboard too)."""
        author = change.author
        if author is None or not author.email or author == request.user:
            return
        with translation.override(settings.LANGUAGE_CODE):  # the admin speaks Ukrainian
            message = mail.render_message(
                "admin/core/email/review_returned.txt",
                {
                    "change": change,
                    "reviewer": person(request.user),
                    "url": mail.absolute_url(request.path),
                },
                [author.email],
            )
        try:
            message.send()
        except Exception:  # any failure of the mail system: the comment is stored
            logger.exception("The e-mail about a returned change was not sent")
            self.message_user(
                request,
                gettext(
                    "The e-mail to the author was not sent; they see the comment on their "
                    "dashboard."
                ),
                messages.WARNING,
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_kept_pending", False) and level == messages.SUCCESS:
            return  # Django's "… changed." would say the site changed: ours says it did not
        super().message_user(request, message, level, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_kept_pending", False):
            return  # the links are part of the pending change
        super().save_related(request, form, formsets, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if SCHEDULE in request.POST and "publish_at" in form.base_fields:

            class ScheduledForm(form):
                def clean(self):
                    cleaned = super().clean()
                    moment = cleaned.get("publish_at")
                    if not moment or moment <= timezone.now():
                        self.add_error(
                            "publish_at", gettext("To schedule, give a publication date ahead.")
                        )
                    return cleaned

            form = ScheduledForm
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before reversion's revision of this request starts (it would absorb the baseline).
        if request.method == "GET":
            obj = self.model._default_manager.filter(pk=unquote(object_id)).first()
            if obj is not None and history.latest_version(obj) is None:
                history.baseline(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["pending_change"] = getattr(obj, "_pending_change", None)
            context["is_live"] = getattr(obj, "_was_public", False)
            context["may_publish_changes"] = self.may_publish(request, obj)
            context["publishing_buttons"] = isinstance(obj, Publishable) and self.may_publish(
                request, obj
            )
            if hasattr(self, "preview_view") and self.detail_view_class(obj):
                opts = self.model._meta
                context["form_preview_url"] = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_preview", args=[quote(obj.pk)]
                )
        elif add and hasattr(self, "preview_view") and self.previews_new_items():
            opts = self.model._meta
            context["form_preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview_add"
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    # --- History: each language its own field, in the admin's language ---

    def compare(self, obj, version1, version2):
        """reversion-compare's diff without modeltranslation's original field (the same text
        as the active language's, shown twice) and the automatic timestamps."""
        diff, unfollowed = super().compare(obj, version1, version2)
        try:
            originals = set(translator.get_options_for_model(type(obj)).all_fields)
        except NotRegistered:
            originals = set()
        hidden = originals | {"created_at", "updated_at"}
        return [
            row for row in diff if getattr(row["field"], "name", None) not in hidden
        ], unfollowed

    def compare_DateTimeField(self, obj_compare):
        return self.fallback_compare(obj_compare)  # without its English "time since that date"

    def compare_view(self, request, object_id, extra_context=None):
        context = {"title": gettext("Comparison of versions"), **(extra_context or {})}
        return super().compare_view(request, object_id, context)

    def history_view(self, request, object_id, extra_context=None):
        context = {"trash_days": settings.TRASH_DAYS, **(extra_context or {})}
        return super().history_view(request, object_id, context)


class UploadShownInline:
    """The storage of a file chosen in a previewed form and never stored: its URL is the
    upload itself (a data: URL, allowed for images by the CSP), other names the real
    storage's."""

    def __init__(self, storage, name, upload):
        self.storage, self.name = storage, name
        upload.seek(0)
        content = upload.read()
        # The form's check of the upload set its type from the content (an image's format).
        kind = (
            getattr(getattr(upload, "file", upload), "content_type", None)
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        self.data_url = f"data:{kind};base64,{base64.b64encode(content).decode()}"

    def url(self, name):
        return self.data_url if name == self.name else self.storage.url(name)

    def __getattr__(self, attribute):
        return getattr(self.storage, attribute)


def show_upload(item, field, upload):
    """Put a chosen, unsaved file on `item` in memory, shown from its data."""
    shown = field.attr_class(item, field, upload.name)
    shown.storage = UploadShownInline(field.storage, upload.name, upload)
    item.__dict__[field.attname] = shown  # past the descriptor: it would read the file
    if hasattr(item, f"{field.name}_renditions"):
        setattr(item, f"{field.name}_renditions", {})  # the original, not stored renditions


class FormPreviewMixin:
    """Preview of the add or change form's current, unsaved state as the public will see it,
    in either language, in a new tab: the form is posted (a button with formaction and
    formtarget, no script) to `add/preview/` or `<id>/change/preview/`, and the type's own
    detail view (one that uses core.views.PreviewMixin) renders it.

    A valid form is saved with its inline rows inside a transaction that is rolled back
    after the page is rendered: the page shows exactly what saving would show (a program's
    stages, a page's blocks), and nothing stays in the database. Files chosen in the form
    are not stored either: the item's own are shown from the upload's data; a new file of an
    inline row is left out. A form with errors shows the item in memory with the fields
    that are valid (a change form) or lists its errors (an add form)."""

    def get_urls(self):
        opts = self.model._meta
        previews = [
            path(
                "add/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview_add",
            ),
            path(
                "<path:object_id>/change/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
        ]
        return [*previews, *super().get_urls()]

    def detail_view_class(self, obj):
        if not isinstance(obj, Publishable):
            return None
        try:
            match = resolve(obj.get_absolute_url())
        except (Resolver404, NoReverseMatch, ValueError, AttributeError, TypeError):
            return None
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not issubclass(view_class, PreviewMixin):
            return None
        return view_class, match

    def previews_new_items(self):
        """Whether the type's items have a detail view to preview in (asked of one item)."""
        if not issubclass(self.model, Publishable):
            return False
        sample = self.model._default_manager.order_by("pk").first()
        return sample is None or self.detail_view_class(sample) is not None

    def preview_view(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if object_id is None:
            obj = None
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        language = request.POST.get("_preview")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        stored_files = {
            field: getattr(obj, field.attname).name if obj is not None else ""
            for field in self.model._meta.concrete_fields
            if isinstance(field, models.FileField)
        }
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(
            request, obj, change=obj is not None, fields=flatten_fieldsets(fieldsets)
        )
        form = form_class(request.POST, request.FILES, instance=obj)
        valid = form.is_valid()  # fills the instance with every field that is valid
        item = form.instance
        uploads = {
            field: getattr(item, field.attname)
            for field in stored_files
            if valid
            and getattr(item, field.attname)
            and not getattr(item, field.attname)._committed
        }
        for field, name in stored_files.items():
            setattr(item, field.attname, name)  # nothing chosen in the form is stored
        with transaction.atomic(), history.final_deletion(), translation.override(language):
            if valid:
                formsets, _inlines = self._create_formsets(request, item, change=obj is not None)
                valid = all_valid(formsets)
            if valid:
                try:
                    with transaction.atomic():
                        self._save_for_preview(form, formsets)
                except IntegrityError:
                    valid = False  # a rule of the database the form does not check
            if valid:
                item.refresh_from_db()
                for field, upload in uploads.items():
                    show_upload(item, field, upload)
            elif obj is not None:
                self._links_in_memory(item, form)
            # an add form with errors has no state to show: its errors are listed below
            response = self._render_preview(request, item, valid) if valid or obj else None
            transaction.set_rollback(True)
        if response is None:
            return self.preview_errors(request, form)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def _save_for_preview(self, form, formsets):
        item = form.save()
        for formset in formsets:
            for row in formset.save(commit=False):
                for field in row._meta.concrete_fields:
                    value = getattr(row, field.attname, None)
                    if isinstance(field, models.FileField) and value and not value._committed:
                        # A row's new file is not stored for a preview: the row keeps its own.
                        setattr(
                            row,
                            field.attname,
                            getattr(row, "_stored_files", {}).get(field.attname, ""),
                        )
                row.save()
            for row in formset.deleted_objects:
                row.delete()
            formset.save_m2m()
        return item

    @staticmethod
    def _links_in_memory(item, form):
        cache = getattr(item, "_prefetched_objects_cache", {})
        for field in item._meta.many_to_many:
            if field.name in getattr(form, "cleaned_data", {}):
                cache[field.name] = form.cleaned_data[field.name]
        item._prefetched_objects_cache = cache

    def _render_preview(self, request, item, valid):
        found = self.detail_view_class(item)
        if found is None:
            raise Http404
        view_class, match = found
        view = view_class()
        view.setup(request, *match.args, **match.kwargs)
        view.object = item
        context = view.get_context_data(object=item)
        context.update(form_preview=True, form_preview_errors=not valid)
        response = view.render_to_response(context)
        response.render()
        return response

    def preview_errors(self, request, form):
        """An add form with errors has no state to show: say what to correct."""
        errors = [
            (form.fields[name].label if name in form.fields else "", messages_)
            for name, messages_ in form.errors.items()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("The preview is not possible yet"),
            "errors": errors,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "admin/core/preview_errors.html", context)
        response.render()
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response


def install(site=None):
    """Give the admin of every versioned model the mixin (a subclass of its own admin)."""
    site = site or admin.site
    versioned = set(history.register())
    apps_models = {model for config in plugins.site_apps() for model in config.get_models()}
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ConflictMixin):
            continue
        base = type(model_admin)
        if model in versioned:
            # reversion's list template adds a second recovery path; ours is the trash
            mixins = (FormPreviewMixin, HistoryAdminMixin, ExtraContextByKeyword)
            attrs = {"change_list_template": base.change_list_template}
        elif model in apps_models:
            mixins, attrs = (ConflictMixin,), {}
        else:
            continue
        cls = type(base.__name__, (*mixins, base), {**attrs, "__module__": base.__module__})
        site._registry[model] = cls(model, site)


# --- The trash page: "Кошик" ---


class TrashKindFilter(admin.SimpleListFilter):
    """The kinds of item in the trash, by their names (not every content type there is)."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = ContentType.objects.filter(
            pk__in=Deletion.objects.visible_to(request.user).values("content_type")
        )
        return [
            (kind.pk, kind.model_class()._meta.verbose_name_plural)
            for kind in kinds
            if kind.model_class() is not None
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type=self.value())
        return queryset


@admin.register(Deletion)
class TrashAdmin(admin.ModelAdmin):
    list_display = ["object_repr", "kind", "deleted_by", "deleted_at", "purge_at_column"]
    list_filter = [TrashKindFilter]
    fields = ["object_repr", "kind", "deleted_by", "deleted_at", "purge_at_column"]
    readonly_fields = fields
    search_fields = ["object_repr"]
    actions = ["recover_selected", "delete_selected"]
    list_display_links = None

    def get_queryset(self, request):
        # The list and its actions show what this user may recover: items of the types they
        # may add; one item of another type is refused by has_view_permission.
        queryset = super().get_queryset(request).select_related("content_type", "deleted_by")
        return queryset.visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        return Deletion.objects.filter(pk=object_id).first() if object_id.isdigit() else None

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        if obj is None:
            return True
        content_type = obj.content_type
        return request.user.has_perm(f"{content_type.app_label}.add_{content_type.model}")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        context = {
            "title": gettext("Trash"),
            "subtitle": ngettext(
                "Deleted items stay here for %(days)d day, then they are deleted for good.",
                "Deleted items stay here for %(days)d days, then they are deleted for good.",
                settings.TRASH_DAYS,
            )
            % {"days": settings.TRASH_DAYS},
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, deletion):
        model = deletion.content_type.model_class()
        return model._meta.verbose_name if model else deletion.content_type.model

    @admin.display(description=_("deleted for good on"), ordering="deleted_at")
    def purge_at_column(self, deletion):
        return formats.date_format(timezone.localtime(deletion.purge_at), "DATE_FORMAT")

    @admin.action(description=_("Recover the selected items"), permissions=["view"])
    def recover_selected(self, request, queryset):
        recovered = []
        for deletion in queryset:
            item = history.recover(deletion)
            recovered.append(item)
        if len(recovered) == 1:
            self.message_user(
                request,
                gettext("Recovered: “%(item)s”, with its translations and files.")
                % {"item": recovered[0]},
                messages.SUCCESS,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d item recovered, with its translations and files.",
                "%(count)d items recovered, with their translations and files.",
                len(recovered),
            )
            % {"count": len(recovered)},
            messages.SUCCESS if recovered else messages.WARNING,
        )

    def delete_model(self, request, obj):
        history.empty([obj])

    def delete_queryset(self, request, queryset):
        history.empty(list(queryset))
