from __future__ import annotations

import json

import pytest

from bench import report
from bench.run import Page, Spec, chosen_pages, lua_script, lua_string


def load(rps: float, p50: float, p95: float, cpu: float) -> dict:
    return {"rps": rps, "p50_ms": p50, "p95_ms": p95, "cpu_ms": cpu, "requests": 100, "errors": 0}


def sample(size: str, thread_cpu: float, queries: int = 6) -> dict:
    pages = {
        "baseline_one_query": {"load": load(100, 10, 12, 5), "queries": 1},
        "thread_first": {
            "load": load(50, 20, 30, thread_cpu),
            "queries": queries,
            "bytes": {
                "html": 9000,
                "html_encoding": "identity",
                "html_gzip_if_proxy": 2000,
                "first_visit": 40_000,
                "repeat_visit": 9000,
            },
        },
        "search_1word": {"load": load(40, 25, 60, 12), "queries": 5},
        "search_anonymous": {"load": load(40, 25, 60, 12), "anonymous": True, "sets_cookies": []},
    }
    return {
        "size": size,
        "pages": report.with_ratios(pages),
        "writes": {
            "mix": {**load(30, 20, 40, 10), "non_success": 0, "locked": 0},
            "reply": {**load(30, 20, 80, 10), "non_success": 0, "locked": 0},
        },
    }


def test_it_takes_the_medians_of_the_repetitions() -> None:
    summary = report.summarize([load(10, 1, 2, 3), load(30, 3, 4, 5), load(20, 2, 9, 4)])
    assert summary == {"rps": 20, "p50_ms": 2, "p95_ms": 4, "cpu_ms": 4, "requests": 300, "errors": 0}


def test_it_gives_every_figure_as_a_ratio_to_the_baseline() -> None:
    pages = sample("S", 10)["pages"]
    assert pages["thread_first"]["ratio"] == {"rps": 0.5, "p50_ms": 2.0, "cpu_ms": 2.0}
    assert pages["baseline_one_query"]["ratio"]["cpu_ms"] == 1.0


def test_it_checks_the_goals() -> None:
    small, large = sample("S", 10), sample("M", 16, queries=7)
    checks = {c["goal"]: c["holds"] for c in report.goals(large, small)}
    assert checks["thread_first: CPU ≤ 3× baseline"] is False  # 16 / 5
    assert checks["thread_first: ≤ 10 queries"] is True
    assert checks["thread_first: CPU time M ÷ S ≤ 1.3"] is False  # 1.6
    assert checks["thread_first: same queries at every size"] is False
    assert checks["search_1word: CPU time M ÷ S ≤ 2"] is True
    assert checks["search_1word: p95 < 100 ms"] is True
    assert checks["anonymous reads create no session or cookie"] is True
    assert checks["reply p95 < 100 ms"] is True
    assert checks["thread page repeat visit < 20 KB, as gunicorn sends it"] is True
    assert checks["thread page repeat visit < 20 KB, behind a gzip proxy"] is True


def test_it_checks_how_well_search_finds() -> None:
    data = sample("S", 10)
    figures = {"expected": 100, "found": 100, "missed": [], "buried": []}
    data["search_quality"] = {
        "stem": {**figures, "pairs": 20, "recall": 1.0, "precision": 0.95},
        "inflected": {**figures, "pairs": 20, "recall": 0.96, "precision": 0.85, "buried": ["мектебі"]},
        "russian": {**figures, "pairs": 10, "recall": 0.9, "precision": 0.5, "missed": ["школа"]},
    }
    checks = {c["goal"]: (c["holds"], c["detail"]) for c in report.goals(data)}
    assert checks["search «stem» (20 queries): recall ≥ 0.95"] == (True, "1")
    assert checks["search «stem»: first-page precision ≥ 0.9, no look-alike above"] == (True, "0.95")
    assert checks["search «inflected»: first-page precision ≥ 0.9, no look-alike above"] == (
        False,
        "0.85 (buried: мектебі)",
    )
    assert checks["search «russian» (10 queries): recall ≥ 0.95"] == (False, "0.9 (missed: школа)")
    # The precision of a Russian query is not held to the goal: only the spellings of a Kazakh keyboard are.
    assert not any(goal.startswith("search «russian»: first-page") for goal in checks)
    assert "| russian | 10 | 100 | 100 | 0.9 | 0.5 |" in report.markdown(data)


def test_it_holds_the_monitoring_report_to_two_seconds() -> None:
    data = sample("S", 10)
    data["plan_report"] = {"seconds": 2.5, "cpu_seconds": 0.8, "queries": 31, "goals": 20, "bytes": 90_000}
    goal = "monitoring report of a plan of 20 goals (DOCX and PDF) made in < 2 s"
    checks = {c["goal"]: (c["holds"], c["detail"]) for c in report.goals(data)}
    assert checks[goal] == (True, "0.8 s CPU (2.5 s on the clock), 31 queries")
    data["plan_report"]["cpu_seconds"] = 2.4
    assert {c["goal"]: c["holds"] for c in report.goals(data)}[goal] is False


def test_it_counts_the_bytes_a_gzip_proxy_would_send() -> None:
    sizes = {"html": 30_000, "html_encoding": "identity", "html_gzip_if_proxy": 6_000}
    assert report.proxied({**sizes, "first_visit": 50_000, "repeat_visit": 30_000}) == {
        "first_visit": 26_000,
        "repeat_visit": 6_000,
    }
    assert report.proxied({**sizes, "html_encoding": "gzip", "first_visit": 1, "repeat_visit": 1}) is None


def test_it_writes_markdown_and_json(tmp_path) -> None:
    json_path, md_path = report.write(sample("S", 10), tmp_path)
    assert json.loads(json_path.read_text())["goals"]
    text = md_path.read_text()
    assert "| `thread_first` | signed in | 50 | 20 | 30 | 10 | 0.5 | 2 | 2 | 6 |" in text
    assert "## Goals" in text


def test_it_compares_m_with_s_when_both_exist(tmp_path) -> None:
    assert report.write_comparison(tmp_path) is None
    report.write(sample("S", 10), tmp_path)
    report.write(sample("M", 12), tmp_path)
    text = report.write_comparison(tmp_path).read_text()
    assert "| `thread_first` | 20 | 20 | 1 | 10 | 12 | 1.2 | 6 → 6 |" in text
    assert "# L ÷ M" not in text


def test_it_compares_l_with_m_too(tmp_path) -> None:
    report.write(sample("S", 10), tmp_path)
    report.write(sample("M", 12), tmp_path)
    report.write(sample("L", 24), tmp_path)
    text = report.write_comparison(tmp_path).read_text()
    assert "# M ÷ S" in text and "# L ÷ M" in text
    assert "| `thread_first` | 20 | 20 | 1 | 12 | 24 | 2 | 6 → 6 |" in text
    assert "## Goals at L (with L ÷ M)" in text


def test_it_writes_wrk_scripts_that_carry_any_bytes() -> None:
    assert lua_string('a"b\\ c\n') == '"a\\034b\\092 c\\010"'
    script = lua_script([Spec("POST", "/x/", {"Cookie": "sessionid=1"}, b"\x00%PDF")], [0, 0])
    assert 'path = "/x/"' in script
    assert 'body = "\\000%PDF"' in script
    assert "local schedule = {1, 1}" in script


def test_it_holds_each_api_list_to_twice_the_cpu_of_its_page() -> None:
    report_ = sample("S", 10)
    report_["pages"] |= {
        "members": {"load": load(60, 15, 20, 8), "queries": 6},
        "api_members": {"load": load(80, 10, 15, 12), "queries": 5},
        "network_list": {"load": load(90, 10, 15, 4), "queries": 4},
        "api_networks": {"load": load(90, 10, 15, 9), "queries": 3},
    }
    ratios = report.api_ratios(report_["pages"])
    assert ratios["api_members"]["cpu"] == 1.5 and ratios["api_members"]["queries"] == (5, 6)
    checks = {c["goal"]: c for c in report.goals(report_)}
    assert checks["api_members: CPU ≤ 2× its page (members)"]["holds"] is True
    assert checks["api_networks: CPU ≤ 2× its page (network_list)"]["holds"] is False  # 9 ÷ 4
    assert "api_groups" not in ratios  # not measured: no goal claimed
    assert "| `api_members` | `members` | 12 | 8 | 1.5 | 5 / 6 |" in report.markdown(report_)


def test_it_holds_the_survey_pages_to_their_own_goals() -> None:
    pages: dict[str, dict] = {
        "baseline_one_query": {"load": load(100, 10, 12, 5), "queries": 1},
        "survey_screen": {"load": load(90, 10, 12, 14), "bytes": {"repeat_visit": 31_000}},
        "survey_results": {"load": load(20, 40, 60, 24)},
    }
    checks = {c["goal"]: c["holds"] for c in report.goals({"size": "S", "pages": report.with_ratios(pages)})}
    assert checks["survey_screen: CPU ≤ 3× baseline"] is True  # 14 / 5
    assert checks["survey_results: CPU ≤ 5× baseline"] is True  # 24 / 5
    assert checks["survey_screen: ≤ 30 KB after the first screen"] is False


def test_it_holds_the_plan_and_rubric_pages_to_three_times_the_baseline() -> None:
    pages: dict[str, dict] = {
        "baseline_one_query": {"load": load(100, 10, 12, 5), "queries": 1},
        "development_plan": {"load": load(60, 12, 20, 14)},
        "plan_evaluation": {"load": load(40, 18, 30, 16)},
        "rubric_map": {"load": load(70, 10, 14, 9)},
    }
    checks = {c["goal"]: c["holds"] for c in report.goals({"size": "S", "pages": report.with_ratios(pages)})}
    assert checks["development_plan: CPU ≤ 3× baseline"] is True  # 14 / 5
    assert checks["plan_evaluation: CPU ≤ 3× baseline"] is False  # 16 / 5
    assert checks["rubric_map: CPU ≤ 3× baseline"] is True


def test_a_run_of_some_pages_writes_its_own_report_beside_the_full_one(tmp_path) -> None:
    full = report.write(sample("S", 10), tmp_path)[1]
    some = sample("S", 12) | {"only_pages": True, "speed_helpers": False, "writes": {}}
    json_path, md_path = report.write(some, tmp_path, name="report-S-pages")
    assert (json_path.name, md_path.name) == ("report-S-pages.json", "report-S-pages.md")
    assert "| `thread_first` | signed in | 50 | 20 | 30 | 10 |" in full.read_text()  # left as it was
    text = md_path.read_text()
    assert "speed helpers off" in text and "only the pages asked for" in text
    assert "| `thread_first` | signed in | 50 | 20 | 30 | 12 |" in text


def test_it_runs_the_pages_asked_for_after_the_baselines() -> None:
    pages = [Page("baseline_hello", "/h"), Page("baseline_one_query", "/o"), Page("a", "/a"), Page("b", "/b")]
    assert [page.name for page in chosen_pages(pages, "b, a")] == ["baseline_hello", "baseline_one_query", "b", "a"]
    with pytest.raises(SystemExit, match="no such page: c"):
        chosen_pages(pages, "a,c")
