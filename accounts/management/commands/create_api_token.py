"""``ortaq create_api_token EMAIL [--scope read|write] [--days N] [--name TEXT]``:
a personal API token for an operator's script, printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.actions import MAX_TOKEN_DAYS, issue_api_token
from accounts.models import ApiToken, User, normalize_email


class Command(BaseCommand):
    help = "Make a personal API token for a person and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--name", default="script")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalize_email(options["email"]), is_active=True).first()
        if user is None:
            raise CommandError(f"No active person with the e-mail address {options['email']}.")
        if not 1 <= options["days"] <= MAX_TOKEN_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_TOKEN_DAYS}.")
        token, secret = issue_api_token(user, name=options["name"], scope=options["scope"], days=options["days"])
        self.stderr.write(
            f"{token.get_scope_display()} token for {user.email}, valid until {token.expires_at:%d.%m.%Y}:"
        )
        self.stdout.write(secret)
