"""A consultation drafted from an answered request, without the person's data.

The person's name, e-mail, phone and council are replaced wherever they occur in the
question and the answer (also the name's single words, the phone in other spellings, any
e-mail address or phone-like number). `leftovers()` checks a consultation against its
source request again, so staff are warned when an edit brings a personal detail back.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from legalhelp.models import Consultation

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone: +38, 0 and nine digits, with spaces, dashes, dots or brackets between.
PHONE = re.compile(r"(?:\+?\s*3\s*8[\s\-.()]*)?\(?0\d{2}\)?(?:[\s\-.]*\d){7}")
MIN_NAME_PART = 3  # initials and short words are not looked for
REVIEW_DAYS = 365


def _name_parts(request):
    parts = [request.name, *request.name.split()]
    return [part for part in parts if len(part.strip(".,")) >= MIN_NAME_PART]


def _council_names(request):
    names = [request.council_name]
    if request.council_id:
        names += [request.council.name_uk or "", request.council.name_en or ""]
    return [name for name in names if name]


def _digits(text):
    return re.sub(r"\D", "", text)


def scrub(text, request):
    """`text` with the request's personal data replaced by placeholders."""
    for council in sorted(_council_names(request), key=len, reverse=True):
        text = re.sub(re.escape(council), _("[council]"), text, flags=re.IGNORECASE)
    text = EMAIL.sub(_("[e-mail]"), text)
    text = PHONE.sub(_("[phone]"), text)
    for part in sorted(_name_parts(request), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(part)}\b", _("[name]"), text, flags=re.IGNORECASE)
    return text


def leftovers(consultation, request=None):
    """The personal details of the source request still found in the consultation."""
    request = request or consultation.source_request
    if request is None or request.anonymised_at:
        return []
    text = " ".join(
        str(getattr(consultation, f"{field}_{language}", "") or "")
        for field in ("title", "short_answer", "body")
        for language in ("uk", "en")
    )
    lowered = text.casefold()
    found = []
    for part in _name_parts(request):
        if re.search(rf"\b{re.escape(part.casefold())}\b", lowered):
            found.append(_("name: %(value)s") % {"value": part})
    if request.email and request.email.casefold() in lowered:
        found.append(_("e-mail: %(value)s") % {"value": request.email})
    phone = _digits(request.phone)[-9:]
    if phone and phone in _digits(text):
        found.append(_("phone: %(value)s") % {"value": request.phone})
    for council in _council_names(request):
        if council.casefold() in lowered:
            found.append(_("council: %(value)s") % {"value": council})
    return found


@transaction.atomic
def draft_from_request(request):
    """A draft consultation made from an answered request, its personal data removed."""
    question = scrub(request.question, request)
    answer = scrub(request.answer, request)
    first_line = question.strip().splitlines()[0] if question.strip() else _("Question")
    today = timezone.localdate()
    consultation = Consultation(
        title_uk=Truncator(first_line).chars(290),
        short_answer_uk=Truncator(answer.strip()).words(40),
        body_uk=(
            f"<h2>{escape(_('Question'))}</h2>{linebreaks(question, autoescape=True)}"
            f"<h2>{escape(_('Answer'))}</h2>{linebreaks(answer, autoescape=True)}"
        ),
        valid_as_of=today,
        review_by=today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else today.replace(year=today.year + 1, day=28),
        source_request=request,
    )
    consultation.save()
    if request.topic_id:
        consultation.topics.add(request.topic)
    return consultation
