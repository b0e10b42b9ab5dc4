"""A consultation drafted from an answered request, without the person's data.

The person's name, e-mail, phone and council are replaced wherever they occur in the
question and the answer: each word of the name in any of its forms ("Олено" for "Олена"),
any e-mail address, any phone-like number, the council's name. `leftovers()` checks a
consultation against its source request again, so staff are warned when an edit brings a
personal detail back.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from legalhelp.models import Consultation
from search.morphology import WORD, lemmas, normal

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone: +38, 0 and nine digits, with spaces, dashes, dots or brackets between.
PHONE = re.compile(r"(?:\+?\s*3\s*8[\s\-.()]*)?\(?0\d{2}\)?(?:[\s\-.]*\d){7}")
MIN_NAME_PART = 3  # initials and short words are not looked for


# Words of a council's name that say nothing about which council it is.
GENERIC_COUNCIL_WORDS = frozenset(
    "сільський селищний міський районний обласний рада територіальний громада "
    "об'єднаний village settlement city raion oblast council hromada".split()
)


def _name_parts(request):
    return [part for part in WORD.findall(request.name) if len(part) >= MIN_NAME_PART]


def _council_words(request):
    """The distinctive words of the council's names ("Вільхівська" of "Вільхівська сільська
    рада"), so that "Вільхівської сільської ради" is caught too."""
    return [
        word
        for name in _council_names(request)
        for word in WORD.findall(name)
        if len(word) >= MIN_NAME_PART
        and not set(lemmas(word)) & GENERIC_COUNCIL_WORDS
        and normal(word) not in GENERIC_COUNCIL_WORDS
    ]


def _forms_matcher(words):
    """A test for a written word: is it a form of one of `words`? "Олено", "Петренка" and
    "Ігорю" are forms of "Олена", "Петренко" and "Ігор" (search.morphology: the written
    word's lemmas include the word as typed, in the nominative)."""
    typed = {normal(word) for word in words}

    def matches(word):
        return bool(typed) and (normal(word) in typed or bool(typed & set(lemmas(word))))

    return matches


def _name_matcher(request):
    return _forms_matcher(_name_parts(request))


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
    is_name = _name_matcher(request)
    is_council = _forms_matcher(_council_words(request))

    def replace(match):
        word = match.group(0)
        if is_name(word):
            return _("[name]")
        return _("[council]") if is_council(word) else word

    return WORD.sub(replace, text)


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
    is_name = _name_matcher(request)
    is_council = _forms_matcher(_council_words(request))
    words = dict.fromkeys(WORD.findall(strip_tags(text)))
    found += [_("name: %(value)s") % {"value": word} for word in words if is_name(word)]
    if request.email and request.email.casefold() in lowered:
        found.append(_("e-mail: %(value)s") % {"value": request.email})
    phone = _digits(request.phone)[-9:]
    if phone and phone in _digits(text):
        found.append(_("phone: %(value)s") % {"value": request.phone})
    found += [_("council: %(value)s") % {"value": word} for word in words if is_council(word)]
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
