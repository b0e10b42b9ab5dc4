"""Personal data kept no longer than the privacy notice says.

One period, `settings.PERSONAL_DATA_RETENTION_DAYS`, for everything visitors send through the
site's forms. Each app lists what it keeps as `RetentionRule`s (core.plugins); the command
`purge_personal_data` applies them, and the privacy notice words each rule's sentence with the
same period (`{% retention_notice %}`), so the notice and the purge cannot disagree.

Run the command daily (cron or a systemd timer, see docs/data-safety.md).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from core import history, plugins


def retention_days():
    return settings.PERSONAL_DATA_RETENTION_DAYS


def cutoff(now=None):
    """Records whose retention period began before this moment have served their time."""
    return (now or timezone.now()) - timedelta(days=retention_days())


def period(days=None):
    """The period in words of the active language: whole years as years, else days.

    A year counts as 365 days, so the notice never states a period shorter than the one kept.
    """
    days = retention_days() if days is None else days
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def notice():
    """The privacy notice's sentences, one per rule, with the period in words."""
    return [str(rule.notice) % {"period": period()} for rule in plugins.retention_rules()]


def purge(now=None, dry_run=False):
    """Apply every rule; return [(rule, how many records)], each rule in a transaction."""
    moment = cutoff(now)
    done = []
    for rule in plugins.retention_rules():
        # Final: what the purge deletes must not wait in the trash (core.history).
        with transaction.atomic(), history.final_deletion():
            expired = rule.expired(moment)
            done.append((rule, expired.count() if dry_run else rule.purge(expired)))
    return done
