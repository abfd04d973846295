"""``ortaq demo``: fill the database with the «Шуақ» network of the seed texts, so a
newcomer who runs ``make run`` lands in a living network instead of an empty site.

A short orchestrator: each app seeds its own part (``networks/demo.py`` the schools,
people, networks and groups; then ``forums``, ``materials`` and ``events``), in
dependency order; the search index is built once at the end. Every seed only adds what
is missing, so running the command again changes nothing, and it refuses to run where
demo logins are off.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awards import demo as awards_demo
from coaching import demo as coaching_demo
from diaries import demo as diaries_demo
from events import demo as events_demo
from forums import demo as forums_demo
from lessonplans import demo as lessonplans_demo
from lessonstudies import demo as lessonstudies_demo
from materials import demo as materials_demo
from mentoring import demo as mentoring_demo
from networks import demo as networks_demo
from networks.demo import DEMO_LOGINS, SHUAQ, SITE_URL, teacher_email
from notifications.actions import quietly
from plans import demo as plans_demo
from search.index import rebuild as rebuild_search_index
from surveys import demo as surveys_demo

# Each app seeds its own part of the lived-in network, in dependency order.
APP_SEEDS: tuple[Callable[[Any], None], ...] = (
    forums_demo.seed,
    materials_demo.seed,
    events_demo.seed,
    awards_demo.seed,
    surveys_demo.seed,
    plans_demo.seed,
    lessonplans_demo.seed,
    coaching_demo.seed,
    # issue 20: mentoring, then the diary (shared with a mentor)
    mentoring_demo.seed,
    diaries_demo.seed,
    lessonstudies_demo.seed,
)
# The subjects and regions are reference data written by data migrations. A database
# emptied without migrating again (``flush``, as the transactional tests do) lacks
# them, so the demo writes them again; the functions only add what is missing.
REFERENCE_DATA = [
    ("subjects.migrations.0002_subjects", "add_subjects"),
    ("schools.migrations.0002_regions", "add_regions"),
    ("plans.migrations.0002_rubric", "add_rubric"),
]


class Command(BaseCommand):
    help = "Fill the database with the demo network «Шуақ», its schools, teachers and demo logins (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default=SITE_URL, help="the address the demo will be served at (printed)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ORTAQ_ALLOW_DEMO_LOGINS:
            raise CommandError(
                "Refusing to load the demo: demo logins are off here (ORTAQ_ENV=production). "
                "The demo accounts share a published password and must never reach a real site."
            )
        started = time.monotonic()
        with transaction.atomic():
            for module, function in REFERENCE_DATA:
                getattr(importlib.import_module(module), function)(django_apps, None)
        # The seeded history leaves notices on the site, as the workflows do, but sends
        # no e-mail: it is not news to anyone's inbox.
        with quietly():
            seeded = networks_demo.seed()
            for seed in APP_SEEDS:
                with transaction.atomic():
                    seed(self.stdout)
        # The seeds write in bulk, past the workflows that keep the search index in
        # step; the demo's index is small enough to build again whole.
        rebuild_search_index()
        self.report(seeded, time.monotonic() - started, options["url"])

    def report(self, seeded: networks_demo.Seeded, seconds: float, url: str) -> None:
        out, cast, shuaq, created = self.stdout, seeded.cast, seeded.network, seeded.created
        if created:
            out.write("Demo data added (" + ", ".join(f"{what}: {n}" for what, n in created.items()) + ").")
        else:
            out.write("Demo data already in place; nothing changed.")
        figures = shuaq.indicators()
        out.write(
            f"«{SHUAQ}»: {figures.schools} schools, {figures.teachers} teachers, "
            f"{figures.certified_share}% certified ({seconds:.1f} s)."
        )
        out.write("")
        out.write(f"Open {url} and sign in with one of these (password: {settings.ORTAQ_DEMO_PASSWORD}):")
        out.write("")
        width = max(len(email) for email, _ in DEMO_LOGINS)
        for email, what in DEMO_LOGINS:
            out.write(f"  {email.ljust(width)}  {what}")
        others = f"{teacher_email(1).split('@')[0]}…{teacher_email(cast.generated)}"
        out.write(f"  {others.ljust(width)}  the other teachers of «{SHUAQ}»")
        out.write("")
        link = surveys_demo.parents_link(shuaq)
        if link is not None:
            out.write(
                f"The grade-7 parents' survey, answered without an account: {url.rstrip('/')}{link.get_absolute_url()}"
            )
            out.write("")
