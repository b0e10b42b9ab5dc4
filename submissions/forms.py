import datetime
import hashlib
import json
import time
from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.db import advisory_lock
from submissions import tokens
from submissions.models import Submission

DAY = 24 * 60 * 60


@dataclass(frozen=True)
class Stored:
    pk: int
    new: models.Model | None  # None when the submission repeated an earlier one


class PublicForm(forms.Form):
    """A form that the public sends: stored at most once, spam stopped without third parties.

    - A hidden one-time token (submissions/tokens.py), signed, bound to the visitor's session
      and stamped with the time the form was shown. It expires after `token_max_age`, and a
      form sent sooner than `min_fill_seconds` after it was shown is refused: bots send at
      once, people need longer (judged only when everything else is right, since fixing
      errors takes a person long enough).
    - A field that people never see (the honeypot) must stay empty.
    - `store_once()` consumes the token with what it stores. The same token again, or the
      same content within `duplicate_window`, is answered with the first one's object.

    Every refusal keeps what was typed and gives a fresh token, so a person loses nothing.
    Subclasses set `submission_name` (tokens and duplicates are counted per form), are built
    with the request's session and render `form_token` and, hidden, `website`.
    """

    submission_name = None
    min_fill_seconds = 5
    token_max_age = DAY  # seconds
    duplicate_window = DAY  # seconds

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot's name looks worth filling in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.token = None
        self._refusal = None
        if self.is_bound:
            self._take_guard_fields()
        else:
            self.initial = {**self.initial, "form_token": self._new_token()}

    def _new_token(self):
        return tokens.issue(self.session, self.submission_name)

    def _take_guard_fields(self):
        """Read the token and the honeypot, then refresh them so the form can be sent again."""
        data = self.data.copy()
        token_name, honeypot_name = self.add_prefix("form_token"), self.add_prefix("website")
        try:
            self.token = tokens.read(
                data.get(token_name, ""),
                self.session,
                self.submission_name,
                max_age=self.token_max_age,
            )
        except tokens.TokenError as error:
            self._refusal = error.code
            data[token_name] = self._new_token()
        if data.get(honeypot_name):
            self._refusal = "honeypot"
        data[honeypot_name] = ""
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if self._refusal == "expired":
            raise forms.ValidationError(
                _(
                    "The form was open for too long and has expired. "
                    "Please check your answers and send it again."
                ),
                code="expired",
            )
        if self._refusal:  # a forged token, another session's, or the honeypot filled in
            raise forms.ValidationError(
                _("The form could not be accepted. Please check it and send it again."),
                code=self._refusal,
            )
        if not self.errors and time.time() - self.token.started < self.min_fill_seconds:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your answers and send it again."),
                code="too_fast",
            )
        return cleaned

    def store_once(self, create, *content):
        """Store with `create()` unless this is a repeat; a `Stored` either way.

        `content` is what makes two submissions the same (compared without regard to case
        and spacing). Concurrent requests with the same token or content wait for each
        other under advisory locks, so that the second one finds what the first stored.
        """
        form, nonce = self.submission_name, self.token.nonce
        same = json.dumps(
            [form, *(" ".join(str(part).casefold().split()) for part in content)],
            ensure_ascii=False,
        )
        fingerprint = hashlib.sha256(same.encode()).hexdigest()
        with transaction.atomic():
            advisory_lock(f"submissions.token:{nonce}", f"submissions.content:{fingerprint}")
            now = timezone.now()
            earlier = Submission.objects.earlier(
                form,
                nonce,
                fingerprint,
                since=now - datetime.timedelta(seconds=self.duplicate_window),
            )
            if earlier is not None:
                return Stored(earlier.object_id, None)
            new = create()
            Submission.objects.create(
                form=form, token=nonce, fingerprint=fingerprint, object_id=new.pk, submitted_at=now
            )
            # A row outlives neither its token nor the window: nothing could match it later.
            keep = datetime.timedelta(seconds=max(self.token_max_age, self.duplicate_window))
            Submission.objects.filter(form=form, submitted_at__lt=now - keep).delete()
        return Stored(new.pk, new)
