from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.csvexport import csv_response
from registrations.emails import after_promotion, send_event_message, send_pending
from registrations.models import EventMessage, Registrant, RegistrationSettings


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "event_starts", "capacity", "taken", "is_open", "attendance"]
    list_filter = ["is_open", "attendance"]
    search_fields = ["event__title_uk", "event__title_en"]
    autocomplete_fields = ["event"]
    fieldsets = [
        (None, {"fields": ["event", "is_open", "capacity", "closes_at", "attendance"]}),
        (_("Waiting list"), {"fields": ["waiting_list"]}),
        (
            _("Questions"),
            {
                "fields": ["ask_organisation", "ask_position", "ask_phone", "ask_accessibility"],
                "description": _("The name and the e-mail address are always asked."),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")

    @admin.display(description=_("starts"), ordering="event__starts_at")
    def event_starts(self, setup):
        return date_format(timezone.localtime(setup.event.starts_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("places taken"))
    def taken(self, setup):
        return setup.counts()["confirmed"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"capacity", "waiting_list"} & set(form.changed_data):
            # More places: the people waiting get them, first come first served.
            with transaction.atomic():
                locked = RegistrationSettings.objects.select_for_update().get(pk=obj.pk)
                promoted = locked.fill_places()
            transaction.on_commit(lambda: after_promotion(promoted))


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("upcoming events")), ("past", _("past events"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(event__finishes_at__gt=now)
        if self.value() == "past":
            return queryset.filter(event__finishes_at__lte=now)
        return queryset


@admin.register(Registrant)
class RegistrantAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_shown", "event", "status", "attended", "email_status"]
    list_display_links = ["name"]
    list_editable = ["attended"]
    list_filter = [UpcomingFilter, "event", "status", "attended", "email_status"]
    list_select_related = ["event", "council"]
    search_fields = ["name", "email", "organisation", "council__name_uk"]
    actions = ["mark_attended", "mark_absent", "cancel_registrations", "send_emails", "export_csv"]
    fieldsets = [
        (None, {"fields": ["event", "status", "attended", "registered_at", "promoted_at"]}),
        (
            _("Registrant"),
            {
                "fields": [
                    "name",
                    "council",
                    "organisation",
                    "position",
                    "email",
                    "phone",
                    "accessibility",
                    "language",
                    "consent_given_at",
                ]
            },
        ),
        (
            _("E-mails"),
            {
                "fields": [
                    "email_status",
                    "confirmation_sent_at",
                    "promotion_sent_at",
                    "reminded_at",
                    "email_attempts",
                    "email_error",
                ]
            },
        ),
    ]
    # What the registrant sent stays as sent; staff mark attendance.
    readonly_fields = [
        field for section in fieldsets for field in section[1]["fields"] if field != "attended"
    ]

    @admin.display(description=_("council or organisation"))
    def organisation_shown(self, registrant):
        return registrant.organisation_name

    def has_add_permission(self, request):
        return False  # registrations come only from the site's form

    def has_export_permission(self, request):
        return request.user.has_perm("registrations.export_registrant")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_export_permission(request):
            actions.pop("export_csv", None)
        if not self.has_change_permission(request):
            for name in ("mark_attended", "mark_absent", "cancel_registrations", "send_emails"):
                actions.pop(name, None)
        return actions

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        count = queryset.exclude(status=Registrant.Status.CANCELLED).update(attended=True)
        self.message_user(request, _("Attendance marked: %(count)d.") % {"count": count})

    @admin.action(description=_("Mark as absent"))
    def mark_absent(self, request, queryset):
        count = queryset.exclude(status=Registrant.Status.CANCELLED).update(attended=False)
        self.message_user(request, _("Absence marked: %(count)d.") % {"count": count})

    @admin.action(description=_("Cancel the chosen registrations"))
    def cancel_registrations(self, request, queryset):
        promoted = []
        for registrant in queryset.exclude(status=Registrant.Status.CANCELLED):
            promoted += registrant.cancel()
        after_promotion(promoted)
        self.message_user(
            request,
            ngettext(
                "Registrations cancelled; %(count)d person moved from the waiting list.",
                "Registrations cancelled; %(count)d people moved from the waiting list.",
                len(promoted),
            )
            % {"count": len(promoted)},
        )

    @admin.action(description=_("Send the e-mails that have not gone out"))
    def send_emails(self, request, queryset):
        complete, failed = send_pending(queryset)
        self.message_user(
            request,
            _("E-mails sent: %(complete)d; still failing: %(failed)d.")
            % {"complete": complete, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )

    @admin.action(description=_("Export to CSV"))
    def export_csv(self, request, queryset):
        columns = [
            (_("event"), lambda r: r.event.title),
            (_("status"), lambda r: r.get_status_display()),
            (_("name"), lambda r: r.name),
            (_("council or organisation"), lambda r: r.organisation_name),
            (_("position"), lambda r: r.position),
            (_("e-mail"), lambda r: r.email),
            (_("phone"), lambda r: r.phone),
            (_("accessibility needs"), lambda r: r.accessibility),
            (
                _("registered"),
                lambda r: timezone.localtime(r.registered_at).strftime("%Y-%m-%d %H:%M"),
            ),
            (
                _("attended"),
                lambda r: {True: _("yes"), False: _("no"), None: ""}[r.attended],
            ),
        ]
        return csv_response("registrants", columns, queryset.select_related("event", "council"))


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    """A message to everyone registered for an event: written once, sent, kept as sent."""

    list_display = ["subject", "event", "created_at", "sent_by", "recipients", "sent", "failed"]
    list_filter = ["event"]
    autocomplete_fields = ["event"]
    fields = ["event", "include_waiting", "subject", "body"]
    readonly_fields = []

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return [*self.fields, "created_at", "sent_by", "recipients", "sent", "failed", "error"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what was sent stays

    def save_model(self, request, obj, form, change):
        obj.sent_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: self._send(request, obj))

    def _send(self, request, message):
        sent, failed = send_event_message(message)
        self.message_user(
            request,
            _("The message went to %(sent)d registrants; %(failed)d failed.")
            % {"sent": sent, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )
