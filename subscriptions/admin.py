from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from subscriptions.models import Delivery, Digest, Subscriber
from subscriptions.sending import add_deliveries, send_pending, topic_choices

# Messages sent while staff wait for the page; the rest go with the next run of the command.
ADMIN_BATCH = 100


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "language", "topics_shown", "created_at", "failures"]
    list_filter = ["status"]
    search_fields = ["email"]
    fields = readonly_fields = [
        "email",
        "status",
        "language",
        "topics_shown",
        "created_at",
        "consent_given_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "failures",
        "paused_at",
    ]

    @admin.display(description=_("topics"))
    def topics_shown(self, subscriber):
        labels = dict(topic_choices())
        return ", ".join(str(labels.get(key, key)) for key in subscriber.topics)

    def has_add_permission(self, request):
        return False  # only the owner of an address subscribes it (double opt-in)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """Adding a digest here sends it now ("on demand"); the weekly one comes from the timer."""

    list_display = ["__str__", "kind", "period_start", "created_by", "sent", "failed", "waiting"]
    list_filter = ["kind"]
    fields = ["period_start"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status="sent")),
                failed_count=Count(
                    "deliveries", filter=Q(deliveries__status__in=["failed", "unknown"])
                ),
                waiting_count=Count("deliveries", filter=Q(deliveries__status="pending")),
            )
        )

    @admin.display(description=_("sent"))
    def sent(self, digest):
        return digest.sent_count

    @admin.display(description=_("failed"))
    def failed(self, digest):
        return digest.failed_count

    @admin.display(description=_("waiting"))
    def waiting(self, digest):
        return digest.waiting_count

    def get_changeform_initial_data(self, request):
        return {"period_start": Digest.next_period_start()}

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["period_start", "period_end", "kind", "created_by", "created_at", "finished_at"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the delivery records stay with it

    def save_model(self, request, obj, form, change):
        obj.kind = Digest.Kind.ON_DEMAND
        obj.created_by = request.user
        obj.period_end = timezone.now()
        super().save_model(request, obj, form, change)
        add_deliveries(obj)
        transaction.on_commit(lambda: self._send(request, obj))

    def _send(self, request, digest):
        counts = send_pending(batch_size=ADMIN_BATCH, digest=digest)
        left = digest.deliveries.filter(status=Delivery.Status.PENDING).count()
        self.message_user(
            request,
            _(
                "Digest sent: %(sent)d; failed: %(failed)d; nothing to send: %(skipped)d; "
                "left for the next run of the command: %(left)d."
            )
            % {**counts, "left": left},
            messages.WARNING if counts["failed"] else messages.SUCCESS,
        )
