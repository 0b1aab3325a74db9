"""The ``madoguchi`` console command: Django's management commands with the
project's settings, so a municipality's staff never type ``manage.py``."""

import os
import sys


def main() -> None:
    """Run a management command: ``madoguchi seed --residents 5000``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["madoguchi", *sys.argv[1:]])


if __name__ == "__main__":
    main()
