import logging

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from submissions.limits import is_ratelimited
from subscriptions.emails import send_subscribe_answer
from subscriptions.forms import PreferencesForm, SubscribeForm
from subscriptions.models import CONFIRM_SALT, PREFERENCES_SALT, Subscriber, confirm_max_age

logger = logging.getLogger(__name__)

DEFAULT_RATE = "5/h"


def _breadcrumbs():
    return [(reverse("subscriptions:subscribe"), _("E-mail subscription"))]


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    language = translation.get_language()
    if request.method != "POST":
        form = SubscribeForm(language=language, session=request.session)
        return render(request, "subscriptions/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST, language=language, session=request.session)
    if is_ratelimited(
        request,
        group="subscriptions.subscribe",
        rate=getattr(settings, "SUBSCRIPTION_RATE", DEFAULT_RATE),
    ):
        form.is_valid()
        form.add_error(
            None,
            _("Too many requests from your network in the last hour. Please try again later."),
        )
        return render(request, "subscriptions/subscribe.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "subscriptions/subscribe.html", {"form": form})
    stored, already = form.save()
    if stored.new is not None:
        send_subscribe_answer(stored.new, already)
    # The same answer whether the address was new, waiting or subscribed: nothing revealed.
    return redirect("subscriptions:sent")


def sent(request):
    return render(
        request,
        "subscriptions/sent.html",
        {"hours": confirm_max_age() // 3600, "breadcrumbs": _breadcrumbs()},
    )


def _bad_link(request, expired=False):
    return render(
        request,
        "subscriptions/bad_link.html",
        {"expired": expired, "breadcrumbs": _breadcrumbs()},
        status=400,
    )


def _subscriber(token, salt, max_age=None):
    try:
        return Subscriber.from_token(token, salt, max_age=max_age), None
    except signing.SignatureExpired:
        return None, "expired"
    except (signing.BadSignature, ValueError, TypeError, Subscriber.DoesNotExist):
        return None, "bad"


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link of the confirmation e-mail: a page with a button, then the POST confirms
    (a mail scanner that opens links confirms nothing). Expires after
    SUBSCRIPTION_CONFIRM_HOURS."""
    subscriber, problem = _subscriber(token, CONFIRM_SALT, max_age=confirm_max_age())
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _bad_link(request, expired=problem == "expired")
    if request.method == "POST":
        subscriber.confirm()
    return render(
        request,
        "subscriptions/confirm.html",
        {"subscriber": subscriber, "token": token, "Status": Subscriber.Status},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    subscriber, _problem = _subscriber(token, PREFERENCES_SALT)
    if subscriber is None:
        return _bad_link(request)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, instance=subscriber)
        if form.is_valid():
            form.save()
            saved = True
    else:
        form = PreferencesForm(instance=subscriber)
    return render(
        request,
        "subscriptions/preferences.html",
        {"subscriber": subscriber, "form": form, "saved": saved, "Status": Subscriber.Status},
    )


# RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" from its own button, with
# no cookies and no CSRF token; the signed token in the address is what authorises it, and
# unsubscribing is all it can do.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber, _problem = _subscriber(token, PREFERENCES_SALT)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST":
        subscriber.unsubscribe()
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {"subscriber": subscriber, "token": token, "Status": Subscriber.Status},
    )
