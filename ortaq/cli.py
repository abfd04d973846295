"""The ``ortaq`` console script: Django's manage.py under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ortaq.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
