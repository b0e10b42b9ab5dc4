from django.conf import settings
from django.contrib import admin, messages
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import (
    COVER_FIELDSET,
    PUBLISHING_DESCRIPTION,
    PUBLISHING_FIELDS,
    PublicationStateFilter,
    PublishableAdmin,
)
from core.csvexport import csv_response
from core.mail import delivers
from documents.admin import AttachmentInline
from members.admin import ApostropheSearchMixin
from programs.emails import send_decision_email, send_pending_emails
from programs.managers import ProgramPhase
from programs.models import (
    Application,
    ApplicationDecision,
    Mentor,
    Organisation,
    Program,
    ProgramItem,
    ProgramParticipation,
    SelectionStage,
    StudyVisit,
)

# Links typed without a scheme are taken as https (Django 6's default, without the warning).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "url"]
    search_fields = ["name_uk", "name_en"]


class SelectionStageInline(TranslationStackedInline):
    model = SelectionStage
    extra = 0


class ProgramItemInline(TranslationTabularInline):
    model = ProgramItem
    extra = 0


class MentorInline(TranslationTabularInline):
    model = Mentor
    extra = 0


class StudyVisitInline(TranslationStackedInline):
    model = StudyVisit
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = ProgramParticipation
    extra = 0


class PhaseFilter(admin.SimpleListFilter):
    title = _("phase")
    parameter_name = "phase"

    def lookups(self, request, model_admin):
        return ProgramPhase.choices

    def queryset(self, request, queryset):
        if self.value() in ProgramPhase.values:
            return queryset.in_phase(self.value())
        return queryset


@admin.register(Program)
class ProgramAdmin(PublishableAdmin, TabbedTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "thumbnail",
        "title",
        "phase",
        "application_deadline",
        "starts_on",
        "publication_state",
        "is_demo",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = [PublicationStateFilter, PhaseFilter, "is_demo"]
    search_fields = ["title_uk", "title_en", "tagline_uk"]
    autocomplete_fields = ["organiser", "partners"]
    inlines = [
        SelectionStageInline,
        ProgramItemInline,
        MentorInline,
        StudyVisitInline,
        AttachmentInline,  # documents of the library, in their order on the program's page
        ParticipationInline,
    ]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "tagline", "summary", "body", "is_demo"]},
        ),
        COVER_FIELDSET,
        (_("Publishing"), {"fields": PUBLISHING_FIELDS, "description": PUBLISHING_DESCRIPTION}),
        (_("Organisers"), {"fields": ["organiser", "partners", "external_url"]}),
        (
            _("Dates"),
            {
                "fields": [
                    "starts_on",
                    "ends_on",
                    "period_note",
                    "applications_open_at",
                    "application_deadline",
                ]
            },
        ),
        (
            _("Who and how"),
            {
                "fields": [
                    "eligibility",
                    "min_group_size",
                    "max_group_size",
                    "is_free",
                    "cost",
                    "how_to_apply",
                ]
            },
        ),
    ]

    @admin.display(description=_("phase"))
    def phase(self, program):
        return program.phase.label


class ApplicationCsv:
    """The CSV export of applications (core/csvexport.py: a BOM, formulas defused)."""

    columns = [
        (_("number"), lambda a: a.pk),
        (_("submitted"), lambda a: timezone.localtime(a.submitted_at).strftime("%Y-%m-%d %H:%M")),
        (_("program"), lambda a: a.program.title),
        (_("status"), lambda a: a.get_status_display()),
        (_("lead hromada"), lambda a: a.lead_council.name),
        (_("partner hromadas"), lambda a: "; ".join(c.name for c in a.partner_councils.all())),
        (_("contact person"), lambda a: a.contact_name),
        (_("position"), lambda a: a.contact_position),
        (_("e-mail"), lambda a: a.contact_email),
        (_("phone"), lambda a: a.contact_phone),
        (_("motivation"), lambda a: a.motivation),
        (_("e-mails"), lambda a: a.get_email_status_display()),
    ]

    def response(self, applications):
        return csv_response("applications", self.columns, applications)


class DecisionInline(admin.TabularInline):
    """The application's decisions, as they were made; nobody edits or removes them."""

    model = ApplicationDecision
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "decided_at",
        "from_status",
        "to_status",
        "decided_by",
        "email_status",
        "email_sent_at",
        "email_attempts",
        "email_error",
    ]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the application sees its decisions.
        return request.user.has_perm("programs.view_application") or request.user.has_perm(
            "programs.change_application"
        )


@admin.register(Application)
class ApplicationAdmin(ApostropheSearchMixin, admin.ModelAdmin):
    # Fits a 1366-pixel laptop beside the admin's menu and the filters: the hromada and the
    # status first, long names wrapped, the program shortened (its filter names it in full),
    # the day without the time; the contact person is on the application's page.
    list_display = [
        "number",
        "lead_hromada",
        "status",
        "program_short",
        "submitted_on",
        "email_status",
    ]
    list_display_links = ["number", "lead_hromada"]
    list_filter = ["status", "email_status", "program", "submitted_at"]
    list_select_related = ["program", "lead_council"]
    search_fields = [
        "contact_name",
        "contact_email",
        "contact_phone",
        "lead_council__name_uk",
        "partner_councils__name_uk",
        "program__title_uk",
    ]
    date_hierarchy = "submitted_at"
    inlines = [DecisionInline]
    actions = ["pass_stage", "decline", "add_to_participants", "send_emails", "export_csv"]
    fieldsets = [
        (
            None,
            {"fields": ["program", "submitted_at", "status", "status_changed_at", "staff_note"]},
        ),
        (_("Hromadas"), {"fields": ["lead_council", "partner_councils"]}),
        (
            _("Contact person"),
            {"fields": ["contact_name", "contact_position", "contact_email", "contact_phone"]},
        ),
        (_("Application"), {"fields": ["motivation", "consent_given_at", "language"]}),
        (
            _("E-mails"),
            {
                "fields": [
                    "email_status",
                    "confirmation_sent_at",
                    "staff_notified_at",
                    "email_attempts",
                    "email_error",
                ]
            },
        ),
    ]
    # What the applicant sent stays as sent; staff record their decisions and notes.
    readonly_fields = [
        "program",
        "submitted_at",
        "status_changed_at",
        "lead_council",
        "partner_councils",
        "contact_name",
        "contact_position",
        "contact_email",
        "contact_phone",
        "motivation",
        "consent_given_at",
        "language",
        "email_status",
        "confirmation_sent_at",
        "staff_notified_at",
        "email_attempts",
        "email_error",
    ]

    @admin.display(description=_("number"), ordering="pk")
    def number(self, application):
        return application.pk

    # Not the foreign key itself: the admin would keep its name on one line (class "nowrap").
    @admin.display(description=_("lead hromada"), ordering="lead_council__name")
    def lead_hromada(self, application):
        return application.lead_council.name

    @admin.display(description=_("program"), ordering="program__title")
    def program_short(self, application):
        title = application.program.title
        return format_html('<span title="{}">{}</span>', title, Truncator(title).chars(40))

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted_on(self, application):
        return date_format(timezone.localtime(application.submitted_at), "SHORT_DATE_FORMAT")

    def has_add_permission(self, request):
        return False  # applications come only from the site's form

    def has_export_permission(self, request):
        return request.user.has_perm("programs.export_application")

    def save_model(self, request, obj, form, change):
        decision = None
        if change and "status" in form.changed_data:
            # A status set on the form is a decision like the actions': recorded and e-mailed.
            new_status, obj.status = obj.status, form.initial["status"]
            decision = obj.change_status(new_status, by=request.user)
        super().save_model(request, obj, form, change)
        if decision is not None:
            self._log(request, decision)
            # The change form saves in a transaction: tell the applicant once it is committed.
            transaction.on_commit(lambda: send_decision_email(decision))

    def _log(self, request, decision):
        """Write the decision into the application's history, under the acting user."""
        with translation.override(settings.LANGUAGE_CODE):  # history reads the same for all
            self.log_change(
                request,
                decision.application,
                gettext("Decision: %(from)s → %(to)s.")
                % {
                    "from": decision.get_from_status_display(),
                    "to": decision.get_to_status_display(),
                },
            )

    def _decide(self, request, queryset, verdict):
        decisions = []
        skipped = 0
        # All the decisions or none; each application locked, so two people deciding at once
        # take turns and the second sees the first one's decision.
        with transaction.atomic():
            for application in queryset.select_related("program").select_for_update(of=["self"]):
                decision = application.decide(verdict, by=request.user)
                if decision is None:
                    skipped += 1  # only a final status (selected or declined) has no next step
                else:
                    self._log(request, decision)
                    decisions.append(decision)
        for decision in decisions:  # after the commit: a slow mail server holds no lock
            send_decision_email(decision)
        if not decisions:
            self.message_user(
                request,
                ngettext(
                    "Nothing was changed: the %(count)d chosen application is already decided "
                    "(selected or declined).",
                    "Nothing was changed: all %(count)d chosen applications are already decided "
                    "(selected or declined).",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d application moved on.",
                "%(count)d applications moved on.",
                len(decisions),
            )
            % {"count": len(decisions)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application skipped: it is already decided (selected or declined).",
                    "%(count)d applications skipped: they are already decided (selected or "
                    "declined).",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        self._report_decision_emails(request, decisions)

    def _report_decision_emails(self, request, decisions):
        statuses = [decision.email_status for decision in decisions]
        failed = statuses.count(Application.EmailStatus.FAILED)
        if failed:
            self.message_user(
                request,
                ngettext(
                    "The e-mail to %(count)d applicant failed; “Send the e-mails that have not "
                    "gone out” tries again, and so does the daily command.",
                    "The e-mails to %(count)d applicants failed; “Send the e-mails that have not "
                    "gone out” tries again, and so does the daily command.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
        elif Application.EmailStatus.CONSOLE in statuses:
            self.message_user(
                request,
                _("No e-mail was sent: without EMAIL_URL the site only writes mail to its log."),
                messages.WARNING,
            )

    @admin.action(
        description=_("Pass to the next stage (received → passed stage 1 → selected)"),
        permissions=["change"],
    )
    def pass_stage(self, request, queryset):
        self._decide(request, queryset, "pass")

    @admin.action(description=_("Decline at the current stage"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, "decline")

    @admin.action(
        description=_("Show the hromadas of selected applications on the program’s page"),
        permissions=["change"],
    )
    def add_to_participants(self, request, queryset):
        added = 0
        selected = queryset.filter(status=Application.Status.SELECTED).prefetch_related(
            "partner_councils"
        )
        for application in selected:
            for council in [application.lead_council, *application.partner_councils.all()]:
                ProgramParticipation.objects.update_or_create(
                    program=application.program,
                    council=council,
                    defaults={"role": ProgramParticipation.Role.SELECTED},
                )
                added += 1
        if not added:
            self.message_user(
                request,
                _(
                    "No hromada was added: only applications at the stage “selected” put "
                    "their hromadas on the program’s page."
                ),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d hromada is now shown as selected.",
                "%(count)d hromadas are now shown as selected.",
                added,
            )
            % {"count": added},
        )

    @admin.action(description=_("Send the e-mails that have not gone out"), permissions=["change"])
    def send_emails(self, request, queryset):
        _complete, failed = send_pending_emails(queryset)
        if failed:
            self.message_user(
                request,
                ngettext(
                    "E-mail failed again for %(count)d application; see its last error.",
                    "E-mail failed again for %(count)d applications; see their last errors.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
        elif not delivers():
            self.message_user(
                request,
                _("No e-mail was sent: without EMAIL_URL the site only writes mail to its log."),
                messages.WARNING,
            )
        else:
            self.message_user(request, _("Every e-mail has gone out."), messages.SUCCESS)

    @admin.action(description=_("Export to CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        applications = queryset.select_related("program", "lead_council").prefetch_related(
            "partner_councils"
        )
        return ApplicationCsv().response(applications)
