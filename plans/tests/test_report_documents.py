"""The monitoring report as DOCX and PDF: what it says (read back with python-docx), in
the reader's language, kept as dated versions, who may make and read it, the word
count, and a constant number of queries however many goals."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from ortaq.testing import as_user
from plans import actions, documents, monitoring
from plans.models import Report, ReportVersion
from plans.monitoring import figure
from plans.tests.factories import academic_year, make_goal, make_plan, make_priority, rubric
from plans.trajectory import goals_of, number

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return text, tables


def filled_plan(cast):
    plan = make_plan(cast)
    goal = make_goal(plan)
    actions.add_criterion(goal, text="Оқушылардың 60%-ы сабақта сұрақ қояды")
    check = goal.checks.order_by("due_on").first()
    actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal("42.5"), note="", by=cast.coach)
    make_goal(plan, goal.priority, statement="Ашық сабақтарды бақылау", indicator_source="observations.done")
    actions.add_activity(
        plan, by=cast.director, goal=goal, title="Коучинг сессиясы", owner=cast.coach,
        starts_on=plan.starts_on, due_on=timezone.localdate() - datetime.timedelta(days=2),
    )  # fmt: skip
    return plan, goal


def test_it_writes_the_docx_in_kazakh_with_the_goal_figures_of_the_indicators(cast):
    plan, _goal = filled_plan(cast)
    actions.save_report(
        Report(plan=plan, kind="interim"), version=None, reflection="Мұғалімдер бірге жоспарлады.", by=cast.director
    )
    with translation.override("kk"):
        version = actions.generate_report(plan, "interim", by=cast.director)
        expected = goals_of(plan, timezone.localdate())
        figures = [(number(g.baseline), number(g.target), figure(path.latest)) for g, path in expected]
    text, tables = docx_text(version.docx.read())
    assert "Мониторинг туралы есеп" in text
    assert "Аралық есеп" in text or "аралық есеп" in text
    assert plan.title in text and "7-сынып оқушыларының сабаққа белсене қатысуын арттыру" in text
    assert "Мұғалімдер бірге жоспарлады." in text
    goal_tables = [t for t in tables if t[0] == ["Не", "Мәні"]]
    assert len(goal_tables) == 2
    for table, (baseline, target, latest) in zip(goal_tables, figures, strict=True):
        rows = dict((row[0], row[1]) for row in table[1:])
        assert rows["Бастапқы мән"] == baseline
        assert rows["Мақсатты мән"].startswith(target)
        assert rows["Соңғы мән"] == latest
    assert figures[0][:2] == ("35", "60") and figures[0][2].startswith("42,5")
    activity_rows = next(t for t in tables if t[0][0] == "Іс-шара")
    assert activity_rows[1][0] == "Коучинг сессиясы" and activity_rows[1][4] == "мерзімі өтті"
    assert any(row[0] == "Оқушылардың 60%-ы сабақта сұрақ қояды" for t in tables for row in t)
    assert timezone.localdate().strftime("%d.%m.%Y") in text


def test_it_writes_the_pdf_with_the_fonts_of_the_awards(cast):
    plan, _goal = filled_plan(cast)
    with translation.override("kk"):
        version = actions.generate_report(plan, "final", by=cast.coach)
    data = version.pdf.read()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/Lang (kk)" in data
    assert b"+DejaVuSansBook" in data and b"+DejaVuSansBold" in data
    pages = int(data.split(b"/Count ", 1)[1].split(b"\n", 1)[0])
    assert pages >= 2


def test_it_writes_the_reader_language(cast):
    plan, _goal = filled_plan(cast)
    with translation.override("ru"):
        version = actions.generate_report(plan, "interim", by=cast.director)
    text, _tables = docx_text(version.docx.read())
    assert "Отчёт о мониторинге" in text
    assert version.language == "ru"
    with translation.override("en"):
        text, _tables = docx_text(actions.generate_report(plan, "interim", by=cast.director).docx.read())
    assert "Monitoring report" in text


def test_it_shows_the_rubric_movement_moderated_or_not(cast):
    plan, _goal = filled_plan(cast)
    areas, stages = rubric()
    for year, stage in ((academic_year(-1), stages[0]), (academic_year(), stages[2])):
        actions.place_school(
            cast.network, cast.attached_school, year=year, area=areas[0], stage=stage,
            evidence="Семинар хаттамасы /events/1/", by=cast.director, version=None,
        )  # fmt: skip
    with translation.override("kk"):
        gathered = monitoring.collect(Report.objects.create(plan=plan, kind="interim"), timezone.localdate())
        _text, tables = docx_text(documents.docx_bytes(gathered))
    row = gathered.rubric[0]
    assert (row.before, row.now, row.moved) == ("1", "3", 2)
    assert "модерацияланбаған" in row.moderation
    assert gathered.rubric[1].now == "—"
    assert any("Семинар хаттамасы" in e.text for e in gathered.evidence)
    assert any(r[:3] == [areas[0].name_kk, "1", "3"] for t in tables for r in t)


def test_it_keeps_every_version_with_its_date(cast, time_machine):
    plan, _goal = filled_plan(cast)
    first = actions.generate_report(plan, "interim", by=cast.director)
    time_machine.shift(datetime.timedelta(days=30))
    second = actions.generate_report(plan, "interim", by=cast.director)
    assert (first.number, second.number) == (1, 2)
    assert second.made_on - first.made_on == datetime.timedelta(days=30)
    assert first.docx.name != second.docx.name
    client = as_user(cast.teacher)
    page = client.get(reverse("plans:report", args=[plan.pk]) + "?kind=interim").content.decode()
    assert first.made_on.strftime("%d.%m.%Y") in page and second.made_on.strftime("%d.%m.%Y") in page
    for version in (first, second):
        response = client.get(reverse("plans:report_file", args=[version.pk, "docx"]))
        assert response.status_code == 200
        assert version.made_on.strftime("%d.%m.%Y") in response["Content-Disposition"]
        assert docx_text(response.getvalue())[0]
    assert ReportVersion.objects.filter(report__kind="final").count() == 0


def test_it_lets_the_change_team_make_the_report_from_the_page(cast):
    plan, _goal = filled_plan(cast)
    client = as_user(cast.coach)
    response = client.post(reverse("plans:report_generate", args=[plan.pk]), {"kind": "final"})
    assert response.status_code == 302 and response["Location"].endswith("?kind=final#versions")
    version = ReportVersion.objects.get()
    assert version.report.kind == "final" and version.made_by == cast.coach
    response = client.get(reverse("plans:report_file", args=[version.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_it_refuses_who_may_only_read_and_hides_from_outsiders(cast):
    plan, _goal = filled_plan(cast)
    version = actions.generate_report(plan, "interim", by=cast.director)
    generate = reverse("plans:report_generate", args=[plan.pk])
    download = reverse("plans:report_file", args=[version.pk, "pdf"])
    assert as_user(cast.teacher).post(generate, {"kind": "interim"}).status_code == 403
    assert as_user(cast.leader).post(generate, {"kind": "interim"}).status_code == 403
    assert as_user(cast.leader).get(download).status_code == 200
    assert as_user(cast.outsider).post(generate, {"kind": "interim"}).status_code == 404
    assert as_user(cast.outsider).get(download).status_code == 404
    assert as_user(cast.coach).get(reverse("plans:report_file", args=[version.pk, "exe"])).status_code == 404
    assert as_user(cast.coach).post(generate, {"kind": "yearly"}).status_code == 404
    assert ReportVersion.objects.count() == 1


def test_it_counts_the_words_without_a_script_and_asks_per_kind(cast):
    plan, _goal = filled_plan(cast)
    actions.save_report(Report(plan=plan, kind="final"), version=None, reflection="бір екі\nүш  төрт", by=cast.coach)
    page = as_user(cast.coach).get(reverse("plans:report", args=[plan.pk]) + "?kind=final").content.decode()
    assert "<strong data-words>4</strong> / 1500" in page
    assert 'data-word-count-for="id_reflection"' in page and "plans/word_count.js" in page
    page = as_user(cast.teacher).get(reverse("plans:report", args=[plan.pk]) + "?kind=interim").content.decode()
    assert "<strong data-words>0</strong> / 1000" in page
    assert "data-word-count-for" not in page and "plans/word_count.js" not in page


def grow(cast, plan, goals: int) -> None:
    for p in range(goals // 2):
        priority = make_priority(plan, title=f"Басымдық {p}")
        for source in ("", "events.attendance"):
            goal = make_goal(plan, priority, indicator_source=source)
            actions.add_criterion(goal, text="Критерий")
            check = goal.checks.first()
            actions.record_check(goal, check=check, on=plan.starts_on, value=Decimal(40), note="", by=cast.coach)
            actions.add_activity(plan, by=cast.director, goal=goal, title=f"Іс-шара {p}", owner=cast.coach)


def test_it_reads_a_constant_number_of_queries_for_2_and_20_goals(cast):
    counts = []
    for goals in (2, 20):
        plan = make_plan(cast, title=f"Жоспар {goals}")
        grow(cast, plan, goals)
        report = Report.objects.create(plan=plan, kind="interim")
        with CaptureQueriesContext(connection) as context:
            gathered = monitoring.collect(report, timezone.localdate())
            documents.docx_bytes(gathered)
            documents.pdf_bytes(gathered)
        assert len(gathered.goals) == goals
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_it_draws_each_goals_trajectory_as_a_picture_in_the_docx(cast):
    from PIL import Image

    plan, _goal = filled_plan(cast)
    with translation.override("kk"):
        version = actions.generate_report(plan, "interim", by=cast.director)
    document = Document(io.BytesIO(version.docx.read()))
    pictures = document.inline_shapes
    assert len(pictures) == 2  # filled_plan's two goals
    for shape in pictures:
        assert abs(shape.width.cm - documents.CHART_CM[0]) < 0.01
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG" and image.size == (1400, 460)
        # The line of the checks is drawn in the brand's colour, the target in the sun's.
        counted = image.getcolors(maxcolors=100_000)
        assert counted is not None
        colours = {colour for _count, colour in counted}
        assert documents.BRAND in colours and (242, 160, 5) in colours
