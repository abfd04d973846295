"""Demo data for the reflective diary: a few entries of the demo teacher — one about a
past event she attended, one shared with her mentor (the coach) — and one of the
coach's own. Dates from today; running it again changes nothing."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from diaries import actions
from diaries.models import Entry
from events.models import Event, Participation
from notifications.actions import quietly


def seed(stdout: TextIO) -> None:
    teacher = User.objects.get(email="teacher@demo.ortaq.kz")
    coach = User.objects.get(email="coach@demo.ortaq.kz")
    if Entry.objects.filter(author__in=[teacher, coach]).exists():
        stdout.write("Diary entries already in place; nothing changed.\n")
        return
    today = timezone.localdate()
    now = timezone.now()
    attended = (
        Event.objects.filter(
            participations__user=teacher,
            participations__attendance=Participation.Attendance.PRESENT,
            ends_at__lte=now,
        )
        .exclude(status=Event.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    with transaction.atomic(), quietly():
        actions.write_entry(
            teacher,
            written_on=today - datetime.timedelta(days=20),
            tried="Сабақты ашық сұрақпен бастадым: «Бұл мәтіннің кейіпкері дұрыс істеді ме?»",
            pupils="Бес-алты оқушы ғана жауап берді, қалғандары күтіп отырды.",
            next_steps="Алдымен жұпта талқылатып, содан кейін сыныпқа сұраймын.",
        )
        shared = actions.write_entry(
            teacher,
            written_on=today - datetime.timedelta(days=5),
            tried="«Ойлан — жұптас — бөліс» әдісін қолдандым.",
            pupils="Бұрын үндемейтін үш оқушы жұбының атынан сөйледі.",
            next_steps="Тәлімгеріммен жұптарды қалай құрастыру керегін талқылаймын.",
        )
        actions.share_entry(shared, with_user=coach, by=teacher)
        if attended is not None:
            actions.write_entry(
                teacher,
                written_on=timezone.localtime(attended.ends_at).date(),
                tried="Кездесуде әріптестердің сабақтарындағы кері байланыс тәсілдерін тыңдадым.",
                pupils="",
                next_steps="«Екі жұлдыз, бір тілек» тәсілін 4-сыныпта сынап көремін.",
                event=attended,
            )
        actions.write_entry(
            coach,
            written_on=today - datetime.timedelta(days=3),
            tried="Коучингте мұғалімдерге бейнежазбадан үзінді көрсеттім.",
            pupils="Мұғалімдер оқушылардың жауап күту уақытын байқады.",
            next_steps="Келесі коучингте күту уақытын өлшеп көреміз.",
        )
    stdout.write("Diary entries added.\n")
