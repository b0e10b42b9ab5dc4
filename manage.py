#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # A command's stdout is its output (dumpdata, shell -c, check): its log lines go to stderr.
    os.environ.setdefault("LOG_STREAM", "stderr")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
