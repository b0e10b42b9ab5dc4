from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import (
    COVER_FIELDSET,
    PUBLISHING_DESCRIPTION,
    PUBLISHING_FIELDS,
    PublicationStateFilter,
    PublishableAdmin,
)
from documents.admin import AttachmentInline as LibraryDocumentInline
from legalhelp.anonymise import draft_from_request, leftovers
from legalhelp.emails import send_answer, send_pending_emails
from legalhelp.models import (
    Citation,
    Consultation,
    ConsultationRequest,
    LegalAct,
    RequestAttachment,
    Topic,
)

URL_FIELDS = {"assume_scheme": "https"}


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_uk", "name_en"]


@admin.register(LegalAct)
class LegalActAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "number", "adopted_on", "amended_on"]
    list_filter = ["kind"]
    search_fields = ["title_uk", "title_en", "number", "number_key"]
    date_hierarchy = "adopted_on"
    fieldsets = [
        (None, {"fields": ["kind", "title", "number", "adopted_on", "official_url"]}),
        (
            _("Amendments"),
            {
                "fields": ["amended_on", "amendment_note"],
                "description": _(
                    "Mark the act as amended when a change may affect answers: every published "
                    "consultation citing it with an earlier “valid as of” date is then flagged "
                    "for review, and its readers see that the law has changed."
                ),
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "official_url":
            kwargs.update(URL_FIELDS)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["act"]


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("needed", _("the law changed")), ("overdue", _("past the review-by date"))]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_review()
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


@admin.register(Consultation)
class ConsultationAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "valid_as_of",
        "review_by",
        "law_changed",
        "publication_state",
        "read_count",
    ]
    list_filter = [PublicationStateFilter, ReviewFilter, "topics"]
    search_fields = ["title_uk", "title_en", "short_answer_uk"]
    autocomplete_fields = ["topics", "related"]
    inlines = [CitationInline, LibraryDocumentInline]  # documents from the library
    readonly_fields = ["source"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "short_answer", "body"]}),
        (
            _("Currency"),
            {"fields": ["valid_as_of", "review_by"]},
        ),
        (
            _("Classification"),
            {"fields": ["topics", "for_officials", "for_deputies", "for_residents", "related"]},
        ),
        COVER_FIELDSET,
        (_("Publishing"), {"fields": PUBLISHING_FIELDS, "description": PUBLISHING_DESCRIPTION}),
        (_("Origin"), {"fields": ["source"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations__act")

    @admin.display(description=_("the law changed"))
    def law_changed(self, consultation):
        changed = consultation.law_changed_on
        return changed.strftime("%d.%m.%Y") if changed else "—"

    @admin.display(description=_("made from the request"))
    def source(self, consultation):
        request = consultation.source_request
        if request is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:legalhelp_consultationrequest_change", args=[request.pk]),
            request,
        )

    def _warn_about_leftovers(self, request, consultation):
        found = leftovers(consultation)
        if found:
            self.message_user(
                request,
                gettext(
                    "The consultation still contains personal data of the person who asked: "
                    "%(found)s. Remove it before publishing."
                )
                % {"found": "; ".join(found)},
                messages.WARNING,
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            consultation = self.get_object(request, object_id)
            if consultation is not None:
                self._warn_about_leftovers(request, consultation)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._warn_about_leftovers(request, form.instance)


class AttachmentInline(admin.TabularInline):
    model = RequestAttachment
    extra = 0
    fields = ["download", "file_type", "file_size"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, attachment):
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "admin:legalhelp_consultationrequest_attachment",
                args=[attachment.request_id, attachment.pk],
            ),
            attachment,
        )


class OpenFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("1", _("open requests"))]

    def queryset(self, request, queryset):
        return queryset.open() if self.value() == "1" else queryset


# What the person sent, shown to staff and never edited by them.
REQUEST_FIELDS = ["number_column", "submitted_at", "topic", "question_text", "language"]
PERSON_FIELDS = [
    "name",
    "position",
    "email",
    "phone",
    "council",
    "council_name",
    "consent_given_at",
]


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    change_form_template = "admin/legalhelp/consultationrequest/change_form.html"
    list_display = [
        "number_column",
        "submitted_at",
        "topic",
        "status",
        "assigned_to",
        "age",
        "answer_email_status",
    ]
    list_display_links = ["number_column", "submitted_at"]
    list_filter = [OpenFilter, "status", "topic", "assigned_to", "answer_email_status"]
    list_select_related = ["topic", "assigned_to"]
    search_fields = ["name", "email", "council_name", "question"]
    date_hierarchy = "submitted_at"
    inlines = [AttachmentInline]
    actions = ["take_into_work", "send_answers", "close", "draft_consultations", "retry_emails"]
    readonly_fields = [
        *REQUEST_FIELDS,
        *PERSON_FIELDS,
        "status_changed_at",
        "answered_at",
        "confirmation_email_status",
        "answer_email_status",
        "email_attempts",
        "email_error",
        "anonymised_at",
        "drafts",
    ]
    fieldsets = [
        (
            _("Request"),
            {"fields": REQUEST_FIELDS},
        ),
        (_("The person who asked"), {"fields": PERSON_FIELDS}),
        (
            _("Work"),
            {"fields": ["status", "status_changed_at", "assigned_to", "internal_note"]},
        ),
        (
            _("Answer"),
            {
                "fields": [
                    "answer",
                    "answered_at",
                    "answer_email_status",
                    "confirmation_email_status",
                    "email_attempts",
                    "email_error",
                ]
            },
        ),
        (_("Knowledge base"), {"fields": ["drafts", "anonymised_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # requests come from the site's form

    def get_urls(self):
        return [
            path(
                "<int:pk>/attachment/<int:attachment_pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="legalhelp_consultationrequest_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk, attachment_pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        attachment = get_object_or_404(RequestAttachment, pk=attachment_pk, request_id=pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=str(attachment))
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("number"), ordering="pk")
    def number_column(self, obj):
        return obj.number

    @admin.display(description=_("question"))
    def question_text(self, obj):
        return format_html('<div class="readonly-paragraphs">{}</div>', obj.question)

    @admin.display(description=_("days open"))
    def age(self, obj):
        end = obj.answered_at or timezone.now()
        return (end - obj.submitted_at).days

    @admin.display(description=_("consultations made from it"))
    def drafts(self, obj):
        made = obj.consultations.all()
        if not made:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:legalhelp_consultation_change", args=[c.pk]), c.title) for c in made),
        )

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_send_answer" in request.POST:
            self._send_answer(request, obj)
            return HttpResponseRedirect(request.path)
        if "_draft_consultation" in request.POST:
            consultation = self._draft(request, obj)
            if consultation is not None:
                return HttpResponseRedirect(
                    reverse("admin:legalhelp_consultation_change", args=[consultation.pk])
                )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _send_answer(self, request, obj):
        if not obj.answer.strip():
            self.message_user(request, gettext("Write the answer first."), messages.ERROR)
            return False
        if not obj.email:
            self.message_user(
                request, gettext("The request has no e-mail address any more."), messages.ERROR
            )
            return False
        if send_answer(obj):
            if obj.answer_email_status == ConsultationRequest.EmailStatus.CONSOLE:
                self.message_user(
                    request,
                    gettext(
                        "The answer to request %(number)s is recorded and shown on its status "
                        "page, but this site does not send e-mail yet (console)."
                    )
                    % {"number": obj.number},
                    messages.WARNING,
                )
                return True
            self.message_user(
                request,
                gettext("The answer to request %(number)s was sent.") % {"number": obj.number},
                messages.SUCCESS,
            )
            return True
        self.message_user(
            request,
            gettext(
                "The answer to request %(number)s is recorded, but the e-mail failed. "
                "It will be retried; the error is shown on the request."
            )
            % {"number": obj.number},
            messages.WARNING,
        )
        return False

    def _draft(self, request, obj):
        if not request.user.has_perm("legalhelp.add_consultation"):
            raise PermissionDenied
        if not obj.answer.strip() or obj.answered_at is None:
            self.message_user(
                request,
                gettext("Only an answered request can become a consultation."),
                messages.ERROR,
            )
            return None
        consultation = draft_from_request(obj)
        found = leftovers(consultation, obj)
        if found:
            self.message_user(
                request,
                gettext(
                    "A draft consultation was made, but it still contains personal data: "
                    "%(found)s. Remove it before publishing."
                )
                % {"found": "; ".join(found)},
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                gettext(
                    "A draft consultation was made without the person’s name, e-mail, phone "
                    "and council. Check it, add the legal basis and publish it."
                ),
                messages.SUCCESS,
            )
        return consultation

    @admin.action(description=_("Take into work (assign to me)"), permissions=["change"])
    def take_into_work(self, request, queryset):
        count = 0
        with transaction.atomic():
            for obj in queryset.open().select_for_update(of=("self",)):
                obj.assigned_to = request.user
                obj.save(update_fields=["assigned_to"])
                obj.change_status(ConsultationRequest.Status.IN_WORK)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request taken into work.", "%(count)d requests taken into work.", count
            )
            % {"count": count},
        )

    @admin.action(description=_("Send the written answers by e-mail"), permissions=["change"])
    def send_answers(self, request, queryset):
        for obj in queryset.filter(answered_at__isnull=True):
            self._send_answer(request, obj)

    @admin.action(description=_("Close the selected requests"), permissions=["change"])
    def close(self, request, queryset):
        count = sum(obj.change_status(ConsultationRequest.Status.CLOSED) for obj in queryset)
        self.message_user(
            request,
            ngettext("%(count)d request closed.", "%(count)d requests closed.", count)
            % {"count": count},
        )

    @admin.action(
        description=_("Make draft consultations from the answered requests"),
        permissions=["change"],
    )
    def draft_consultations(self, request, queryset):
        for obj in queryset:
            self._draft(request, obj)

    @admin.action(description=_("Retry the e-mails that failed"), permissions=["change"])
    def retry_emails(self, request, queryset):
        complete, failed = send_pending_emails(queryset)
        self.message_user(
            request,
            gettext("E-mails retried: %(complete)d complete, %(failed)d failed.")
            % {"complete": complete, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )
