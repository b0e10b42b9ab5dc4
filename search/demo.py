"""The last step of load_demo: the demos write in bulk, which sends no signals, so the
whole index is rebuilt once."""

from django.core.management import call_command


def load(command, **options):
    call_command("rebuild_search_index", stdout=command.stdout)
