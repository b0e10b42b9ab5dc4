"""The admin's history in the reader's language, field names included.

Django stores the changed fields' labels in English ("Lead [uk]", "Staff status") so that
LogEntry.get_change_message() can translate them when shown; but it looks each label up
as it is, and no catalogue has "Lead [uk]" (modeltranslation's suffix) or "Staff status"
(the label is the verbose name with a capital letter: the msgid is "staff status").
"""

import json
import re

from django.contrib.admin.models import LogEntry
from django.utils.text import capfirst
from django.utils.translation import gettext

_LANGUAGE_SUFFIX = re.compile(r"^(?P<label>.+) \[(?P<language>[a-z]{2}(?:-[a-z]+)?)\]$")


def translated_label(label):
    match = _LANGUAGE_SUFFIX.match(label)
    base, suffix = (match["label"], f" [{match['language']}]") if match else (label, "")
    translated = gettext(base)
    if translated == base and base[:1].isupper():
        # The verbose name's msgid is usually in lower case; the form's label is capfirst'ed.
        lowered = base[:1].lower() + base[1:]
        translated = capfirst(gettext(lowered)) if gettext(lowered) != lowered else base
    return translated + suffix


def change_message(entry):
    """entry.get_change_message(), with the field names translated."""
    try:
        messages = json.loads(entry.change_message)
    except json.JSONDecodeError:
        return entry.get_change_message()
    if not isinstance(messages, list):
        return entry.get_change_message()
    for message in messages:
        changed = message.get("changed") if isinstance(message, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [translated_label(str(f)) for f in changed["fields"]]
    return LogEntry(change_message=json.dumps(messages)).get_change_message()
