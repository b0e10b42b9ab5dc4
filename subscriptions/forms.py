from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import DescribedFieldsMixin, email_field
from submissions.forms import PublicForm
from subscriptions.models import Subscriber
from subscriptions.sending import topic_choices


class TopicsMixin:
    """Topics and language, as the subscribe form and the preferences page ask them."""

    def _set_choices(self):
        self.fields["topics"].choices = topic_choices()
        if not self.is_bound and not self.initial.get("topics"):
            self.initial["topics"] = [key for key, _label in topic_choices()]


def topics_field():
    return forms.MultipleChoiceField(
        label=_("Topics"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one topic."),
            "invalid_choice": _("Choose the topics from the list."),
        },
    )


def language_field():
    return forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class SubscribeForm(TopicsMixin, DescribedFieldsMixin, PublicForm):
    submission_name = "subscriptions.subscribe"

    email = email_field(_("We will send a link to confirm the subscription here."))
    topics = topics_field()
    language = language_field()
    consent = forms.BooleanField(
        label=_("I agree that the Centre keeps my e-mail address to send me the digest"),
        error_messages={"required": _("Give your consent to subscribe.")},
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, initial={"language": language}, **kwargs)
        self._set_choices()
        self.fields["consent"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("pages:privacy"),
            _("How the Centre processes personal data (opens in a new tab)"),
        )
        self._describe_fields()

    @property
    def min_fill_seconds(self):
        return getattr(settings, "SUBSCRIPTION_MIN_SECONDS", 3)

    def save(self):
        """The subscriber and whether it was subscribed already, in a `Stored` (whose `new`
        is None when the same request came twice: nothing is sent again)."""
        data = self.cleaned_data
        outcome = {}

        def create():
            subscriber, outcome["already"] = subscribe(
                data["email"], data["language"], data["topics"]
            )
            return subscriber

        stored = self.store_once(create, data["email"], data["language"], *sorted(data["topics"]))
        return stored, outcome.get("already", False)


def subscribe(email, language, topics):
    """(subscriber, already subscribed). A new, lapsed or paused address waits for
    confirmation with the chosen topics; a subscribed one is left as it is (its owner
    changes it by the link in every e-mail)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
            return subscriber, True
        now = timezone.now()
        if subscriber is None:
            subscriber = Subscriber(email=email, created_at=now)
        subscriber.language = language
        subscriber.topics = list(topics)
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_given_at = now
        subscriber.confirmation_sent_at = now
        subscriber.save()
        return subscriber, False


class PreferencesForm(TopicsMixin, forms.ModelForm):
    """Reached only by the signed link of an e-mail, so no one-time token is needed."""

    topics = topics_field()
    language = language_field()

    class Meta:
        model = Subscriber
        fields = ["topics", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_choices()
