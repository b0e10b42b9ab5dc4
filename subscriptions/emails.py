"""The e-mails of subscriptions: the confirmation request, "you are subscribed already",
and the digest. Every one after the confirmation carries the RFC 8058 one-click unsubscribe
headers and an unsubscribe link; none has tracking pixels or rewritten links."""

import logging

from django.utils import translation

from core.mail import absolute_url, delivers, render_message, unsubscribe_headers

logger = logging.getLogger(__name__)


def _links(subscriber):
    return {
        "subscriber": subscriber,
        "confirm_url": absolute_url(subscriber.get_confirm_url()),
        "preferences_url": absolute_url(subscriber.get_preferences_url()),
        "unsubscribe_url": absolute_url(subscriber.get_unsubscribe_url()),
    }


def confirmation_message(subscriber):
    from subscriptions.models import confirm_max_age

    with translation.override(subscriber.language):
        return render_message(
            "subscriptions/email/confirm.txt",
            {**_links(subscriber), "hours": confirm_max_age() // 3600},
            [subscriber.email],
        )


def already_subscribed_message(subscriber):
    links = _links(subscriber)
    with translation.override(subscriber.language):
        return render_message(
            "subscriptions/email/already.txt",
            links,
            [subscriber.email],
            headers=unsubscribe_headers(links["unsubscribe_url"]),
        )


def digest_message(subscriber, sections, digest):
    """`sections`: [(topic label, [DigestItem])] in the subscriber's language."""
    links = _links(subscriber)
    context = {**links, "sections": sections, "digest": digest}
    with translation.override(subscriber.language):
        return render_message(
            "subscriptions/email/digest.txt",
            context,
            [subscriber.email],
            html_template="subscriptions/email/digest.html",
            headers=unsubscribe_headers(links["unsubscribe_url"]),
        )


def send_subscribe_answer(subscriber, already):
    """The one message the subscribe form causes; errors are logged, never shown (the form
    answers the same whatever happens, so that it reveals nothing about the address)."""
    message = (already_subscribed_message if already else confirmation_message)(subscriber)
    try:
        message.send()
    except Exception as error:  # any failure of the mail system
        logger.error("Subscriber %s: e-mail failed: %s", subscriber.pk, type(error).__name__)
        return False
    if not delivers():
        # Console backend: the link a person trying the site locally would follow.
        link = _links(subscriber)["preferences_url" if already else "confirm_url"]
        logger.warning(
            "Subscriber %s: not sent, console backend. The link: %s", subscriber.pk, link
        )
    return True
