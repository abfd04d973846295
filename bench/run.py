"""The benchmark's driver: dataset, server, load, report.

1. Builds the dataset of the chosen size (bench/dataset.py) in its own database:
   ``var/bench/bench-<size>.sqlite3``, or ``DATABASE_URL`` when given (an empty,
   UTF-8 PostgreSQL database). The build is reused while its marker file says it is
   the same size, built today or yesterday in this month; ``--rebuild`` forces a new one.
2. Counts each page's queries in-process (Django's test Client and
   ``CaptureQueriesContext`` against the same database: deterministic).
3. Starts the production server: gunicorn, 2 sync workers, ``ORTAQ_ENV=production``,
   Redis cache and cached sessions when Redis answers, WhiteNoise serving the
   collected static files; ``ORTAQ_BENCH=1`` adds the two baselines (bench/urls.py).
   The benchmark plays the TLS-terminating proxy: every request carries
   ``X-Forwarded-Proto: https`` (production trusts it, ORTAQ_BEHIND_PROXY), so no
   production setting is weakened for plain HTTP.
4. Measures, through the server, the bytes of each page as sent, and whether
   anonymous pages set cookies; then loads each page with wrk, three interleaved
   repetitions, reading the workers' CPU time from /proc around every run; then the
   writes: a 90/10 read/write mix and each write alone.
5. Writes var/bench/report-<size>.md and .json, and compare.md (M ÷ S, and L ÷ M when L exists).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
MARKER_VERSION = 1
CSRF_TOKEN = "benchbenchbenchbenchbenchbench01"  # noqa: S105 (32 characters: Django's unmasked form)
SECRET_KEY = "bench-only-secret-key-for-a-throwaway-database-0123456789abcdefghij"  # noqa: S105
WORKERS = 2
# Words of the demo's Kazakh texts, so that searches find something at every size.
SEARCHES = {
    "search_1word": {"q": "бағалау"},
    "search_3words": {"q": "оқушылар топтық жұмыс"},
    "search_filtered": {"q": "сабақ", "kind": "material", "grade": "7"},
}
TINY_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


# --- Environment -----------------------------------------------------------------------------


def redis_answers(url: str) -> bool:
    host, _, port = url.removeprefix("redis://").split("/")[0].partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def bench_env(size: str, database_url: str | None) -> dict[str, str]:
    """The production settings for a local, throwaway server."""
    env = {
        "ORTAQ_ENV": "production",
        "ORTAQ_BENCH": "1",
        # The speed helpers, as production runs them; BENCH_SPEED_HELPERS=0 measures the
        # plain ORM and templates (what a new page must hold to: docs/architecture.md).
        "ORTAQ_SPEED_HELPERS": os.environ.get("BENCH_SPEED_HELPERS", "1"),
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url or f"sqlite:///{OUT / f'bench-{size}.sqlite3'}",
        "MEDIA_ROOT": str(OUT / f"media-{size}"),
        "STATIC_ROOT": str(OUT / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "CACHE_KEY_PREFIX": f"ortaq-bench-{size}",
        # One signed-in reader asks the API thousands of times a minute: its rate per
        # person (600 a minute) would answer 429. The throttle still runs and is measured.
        "ORTAQ_API_RATE": "100000000/min",
        "DJANGO_SETTINGS_MODULE": "ortaq.settings",
    }
    # Its own Redis database: the bench must not mix its keys or queued jobs with a developer's.
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    if redis_answers(redis_url):
        env["REDIS_URL"] = redis_url
    return env


# --- Dataset ---------------------------------------------------------------------------------


def is_recent(built_on: str, today: str) -> bool:
    """A dataset's dates follow the day it was built (this month's events, events a
    few days ahead to register for): it serves for two days, in the same month."""
    try:
        built, now = datetime.date.fromisoformat(built_on), datetime.date.fromisoformat(today)
    except ValueError:
        return False
    return 0 <= (now - built).days <= 1 and built.month == now.month


def ensure_dataset(size_name: str, env: dict[str, str], rebuild: bool) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from bench.dataset import SIZES, build

    marker = OUT / f"dataset-{size_name}.json"
    today = datetime.date.today().isoformat()
    if marker.exists() and not rebuild:
        data = json.loads(marker.read_text())
        if (data.get("version"), data.get("database")) == (MARKER_VERSION, env["DATABASE_URL"]) and is_recent(
            data.get("built_on", ""), today
        ):
            print(f"dataset {size_name}: reusing {env['DATABASE_URL']}", flush=True)
            call_command("migrate", verbosity=0)  # brought up to date, as a deployment would be
            return data
    sqlite = env["DATABASE_URL"].startswith("sqlite:///")
    if sqlite:
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if User.objects.exists():
        sys.exit("The benchmark database already has people in it: give an empty database (or --rebuild on SQLite).")
    print(f"dataset {size_name}: building", flush=True)
    built = build(SIZES[size_name], log=lambda m: print(f"  {m} ({time.monotonic() - started:.0f} s)", flush=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as a live database would have them
    data = {
        "version": MARKER_VERSION,
        "database": env["DATABASE_URL"],
        "built_on": today,
        "seconds": round(time.monotonic() - started, 1),
        "counts": built.counts,
        "targets": built.targets,
    }
    marker.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    print(f"dataset {size_name}: built in {data['seconds']} s", flush=True)
    return data


# --- Pages -----------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    anonymous: bool = False
    # Whose session reads it: a person of the dataset's targets (the reader, a teacher,
    # unless the page is for those who run the network, e.g. a survey's results).
    user: str = "reader"
    session: str = ""
    result: dict[str, Any] = field(default_factory=dict)


def pages_for(targets: dict[str, Any]) -> list[Page]:
    from urllib.parse import urlencode

    from forums.models import Category, Thread
    from forums.views import encode_cursor

    network = targets["network"]
    category = Category.objects.filter(forum__network=network, forum__group__isnull=True).order_by("position").first()
    in_category = Thread.objects.filter(category=category).shown().latest_first()
    deep = in_category[max(0, int(in_category.count() * 0.9) - 1)]
    big, last = targets["big_thread"], targets["big_thread_last_after"]
    pages = [
        Page("baseline_hello", "/bench/hello", anonymous=True),
        Page("baseline_one_query", "/bench/one-query", anonymous=True),
        # Not a goal's measure: the same twenty rows in the site's layout for a signed-in
        # reader, to show what each page pays before its own content.
        Page("baseline_layout", "/bench/layout"),
        Page("welcome", "/", anonymous=True),
        Page("network_home", f"/networks/{network}/"),
        Page("forum_index", f"/forum/{network}/"),
        Page("thread_list", f"/forum/{network}/?category={category.pk}"),
        Page(
            "thread_list_deep",
            f"/forum/{network}/?{urlencode({'category': category.pk, 'before': encode_cursor(deep)})}",
        ),
        Page("thread_first", f"/forum/threads/{big}/"),
        Page("thread_last", f"/forum/threads/{big}/?after={last}"),
        *(Page(name, f"/search/?{urlencode(query)}") for name, query in SEARCHES.items()),
        Page("search_anonymous", f"/search/?{urlencode(SEARCHES['search_1word'])}", anonymous=True),
        Page("material", f"/library/{targets['material']}/"),
        Page("material_anonymous", f"/library/{targets['public_material']}/", anonymous=True),
        Page("calendar", f"/events/network/{network}/?month={targets['month']}"),
        Page("person", f"/networks/people/{targets['person']}/"),
        Page("event", f"/events/{targets['event']}/"),
        Page("plan", f"/events/network/{network}/plan/"),
        Page("development_plan", f"/plans/{targets['development_plan']}/"),
        Page("plan_evaluation", f"/plans/{targets['development_plan']}/evaluation/"),
        Page("rubric_map", f"/plans/network/{network}/rubric/"),
        # lessonplans: the series page and a lesson's short-term plan.
        Page("lesson_series", f"/lesson-plans/{targets['lesson_series']}/"),
        Page("lesson_plan", f"/lesson-plans/lessons/{targets['lesson_plan']}/"),
        Page("person_record", f"/events/people/{targets['reader']}/record/"),
        Page(
            "survey_screen", f"/surveys/a/{targets['survey_link']}/?screen={targets['survey_screen']}", anonymous=True
        ),
        Page("survey_results", f"/surveys/{targets['survey']}/results/", user="leader"),
        # --- coaching (issue 20): the reader coaches 20 plans.
        Page("coaching_caseload", "/coaching/caseload/"),
        Page("coaching_plan", f"/coaching/plans/{targets['coaching_plan']}/"),
        # --- end of coaching
        Page("notifications", "/notifications/"),
        # --- lessonstudies
        Page("lesson_study", f"/lesson-studies/{targets['lesson_study']}/"),
        Page("lesson_study_discussion", f"/lesson-studies/lessons/{targets['lesson_study_lesson']}/discussion/"),
        Page("lesson_study_compare", f"/lesson-studies/{targets['lesson_study']}/compare/"),
        # --- end lessonstudies
        # The API's lists (issue 17), each beside the page that shows the same list
        # (report.API_PAGES): the networks, the schools, the members, the groups.
        Page("network_list", "/networks/"),
        Page("schools", f"/networks/{network}/schools/"),
        Page("members", f"/networks/{network}/members/"),
        Page("api_networks", "/api/v1/networks/"),
        Page("api_schools", f"/api/v1/networks/{network}/schools/"),
        Page("api_members", f"/api/v1/networks/{network}/members/"),
        Page("api_groups", f"/api/v1/networks/{network}/groups/"),
        # --- mentoring and diaries (issue 20) ---
        Page("mentoring_pairs", f"/mentoring/networks/{network}/", user="leader"),
        Page("my_diary", "/diary/"),
        # --- end of mentoring and diaries ---
    ]
    return pages


def chosen_pages(pages: list[Page], names: str) -> list[Page]:
    """The pages named (``--pages a,b``), after the two baselines their ratios need."""
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    known = {page.name: page for page in pages}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise SystemExit(f"no such page: {', '.join(unknown)} (the pages: {', '.join(known)})")
    baselines = [page for page in pages if page.name.startswith("baseline")]
    return baselines + [known[name] for name in wanted if not name.startswith("baseline")]


def sessions_for(user_ids: list[int]) -> dict[int, str]:
    """A signed-in session per person, as the login form would leave it."""
    from django.test import Client

    from accounts.models import User

    cookies = {}
    for user in User.objects.filter(pk__in=user_ids):
        client = Client()
        client.force_login(user)
        cookies[user.pk] = client.cookies["sessionid"].value
    return cookies


def count_queries(pages: list[Page]) -> None:
    """Each page's queries, in-process, the second time it is read (the first may
    write a read mark once)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        client = Client(headers={"X-Forwarded-Proto": "https"})
        if not page.anonymous:
            client.cookies["sessionid"] = page.session
        client.get(page.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}")
        page.result["queries"] = len(captured)


def report_median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def measure_plan_report(plan_id: int, repetitions: int = 3) -> dict[str, Any]:
    """The development plan's monitoring report made in-process as the page's button
    makes it (gathered, then DOCX and PDF in Kazakh), without storing the files: the
    median seconds of a few runs — on the clock, and of this process's CPU, which the
    neighbours of a shared machine do not inflate — and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from plans import documents, monitoring
    from plans.models import Plan, Report

    plan = Plan.objects.get(pk=plan_id)
    report = Report.objects.filter(plan=plan, kind=Report.Kind.INTERIM).first() or Report(plan=plan, kind="interim")
    seconds: list[float] = []
    cpu: list[float] = []
    queries, goals, size = 0, 0, 0
    with translation.override("kk"):
        for _n in range(repetitions):
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as captured:
                gathered = monitoring.collect(report, timezone.localdate())
                size = len(documents.docx_bytes(gathered)) + len(documents.pdf_bytes(gathered))
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            queries, goals = len(captured), len(gathered.goals)
    return {
        "seconds": round(report_median(seconds), 3),
        "cpu_seconds": round(report_median(cpu), 3),
        "queries": queries,
        "goals": goals,
        "bytes": size,
    }


def measure_search_quality() -> dict[str, dict[str, Any]]:
    """search/evaluation.py's queries over this dataset: per group, recall and the
    first page's precision, with the queries that missed or buried an expected result."""
    from accounts.models import User
    from search.evaluation import evaluate

    everyone = User(is_superuser=True, is_active=True)  # a reader who sees every document; not saved
    return {
        group: {
            "pairs": counted.pairs,
            "expected": counted.expected,
            "found": counted.found,
            "recall": round(counted.recall, 3),
            "precision": round(counted.precision, 3),
            "missed": counted.missed,
            "buried": counted.buried,
        }
        for group, counted in evaluate(everyone).items()
    }


# --- The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = {**os.environ, **env}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path

    def __enter__(self) -> Server:
        self.log = self.log_path.open("w")
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(gunicorn), "ortaq.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200 and len(self.workers()) == WORKERS:
                        return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {self.log_path}")
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not start: see {self.log_path}")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def cpu_seconds(self) -> float:
        """User + system time of the workers so far."""
        ticks = 0
        for pid in self.workers():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        return ticks / os.sysconf("SC_CLK_TCK")

    def locked_count(self) -> int:
        self.log.flush()
        return self.log_path.read_text(errors="replace").count("database is locked")


def fetch(url: str, headers: dict[str, str], data: bytes | None = None) -> tuple[int, dict[str, str], bytes, list]:
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (our own server)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return (
                response.status,
                dict(response.headers),
                response.read(),
                response.headers.get_all("Set-Cookie") or [],
            )
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), error.headers.get_all("Set-Cookie") or []


def measure_bytes(server: Server, pages: list[Page]) -> None:
    """What each page costs on the wire: its HTML as sent (with Accept-Encoding), and
    on a first visit the CSS and JavaScript it references; a repeat visit fetches the
    HTML only when those are hashed and cached for a year."""
    for page in pages:
        headers = {"Accept-Encoding": "br, gzip", "X-Forwarded-Proto": "https"}
        if not page.anonymous:
            headers["Cookie"] = f"sessionid={page.session}"
        status, response_headers, body, cookies = fetch(server.base + page.path, headers)
        if status != 200:
            raise SystemExit(f"{page.name}: the server answered {status}")
        encoding = response_headers.get("Content-Encoding", "")
        html = gzip.decompress(body) if encoding == "gzip" else body
        assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
        assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
        first = repeat = len(body)
        for asset in dict.fromkeys(a.decode() for a in assets):
            _s, asset_headers, asset_body, _c = fetch(server.base + asset, headers)
            first += len(asset_body)
            max_age = re.search(r"max-age=(\d+)", asset_headers.get("Cache-Control", ""))
            if not (max_age and int(max_age.group(1)) >= 365 * 86400 and re.search(r"\.[0-9a-f]{12}\.", asset)):
                repeat += len(asset_body)
        page.result["bytes"] = {
            "html": len(body),
            "html_encoding": encoding or "identity",
            "html_gzip_if_proxy": len(gzip.compress(html, 6)),
            "first_visit": first,
            "repeat_visit": repeat,
        }
        if page.anonymous:
            page.result["sets_cookies"] = sorted({c.split("=", 1)[0] for c in cookies})


def drain_task_queue(server: Server) -> None:
    """The e-mails the writes queued (RQ on the bench's own Redis database, production
    settings) are run by a burst worker, as a deployment's worker would, so that no
    job is left behind for the next run. The bench's mail backend drops them."""
    if "REDIS_URL" not in server.env:
        return
    command = [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"]
    subprocess.run(command, cwd=ROOT, env=server.env, check=True, timeout=600, capture_output=True)  # noqa: S603


# --- Load --------------------------------------------------------------------------------------


def lua_string(value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    out = []
    for byte in data:
        char = chr(byte)
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


@dataclass
class Spec:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None


def lua_script(specs: list[Spec], schedule: list[int]) -> str:
    """A wrk script sending ``specs`` in the order of ``schedule`` (indices), counting
    the statuses, and printing one JSON line at the end."""
    items = []
    for spec in specs:
        headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in spec.headers.items())
        body = lua_string(spec.body) if spec.body is not None else "nil"
        method, path = lua_string(spec.method), lua_string(spec.path)
        items.append(f"{{method = {method}, path = {path}, headers = {{{headers}}}, body = {body}}}")
    return (
        "local specs = {" + ",\n".join(items) + "}\n"
        "local schedule = {"
        + ", ".join(str(i + 1) for i in schedule)
        + "}\n"
        + r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
local reqs = {}
counter = 0
statuses = {}
function init(args)
  for k, s in ipairs(specs) do reqs[k] = wrk.format(s.method, s.path, s.headers, s.body) end
end
function request()
  counter = counter + 1
  return reqs[schedule[(counter - 1) % #schedule + 1]]
end
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end
function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then for k, v in pairs(s) do counts[k] = (counts[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(counts) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "errors": %d, '
    .. '"statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
"""
    )


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all cores), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_wrk(server: Server, script: str, duration: int, connections: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    path = OUT / "run.lua"
    path.write_text(script)
    machine_before = machine_busy_seconds()
    before = server.cpu_seconds()
    completed = subprocess.run(  # noqa: S603 (our own command line)
        [wrk, "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(path), server.base],
        capture_output=True,
        text=True,
        check=True,
    )
    cpu = server.cpu_seconds() - before
    others = machine_busy_seconds() - machine_before - cpu
    line = next(line for line in completed.stdout.splitlines() if line.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    requests = max(data["requests"], 1)
    non_success = sum(n for status, n in data["statuses"].items() if not 200 <= int(status) < 400)
    return {
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "cpu_ms": round(cpu * 1000 / requests, 2),
        # Everything else the machine did meanwhile (wrk itself, and whatever else runs
        # here): when it is large, latencies are not to be trusted, CPU per request still is.
        "other_cpu_share": round(others / (data["duration_us"] / 1e6) / os.cpu_count(), 2),
        "requests": data["requests"],
        "errors": data["errors"],
        "non_success": non_success,
        "statuses": data["statuses"],
    }


def read_spec(page: Page) -> Spec:
    headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    if not page.anonymous:
        headers["Cookie"] = f"sessionid={page.session}"
    return Spec("GET", page.path, headers)


def write_specs(server: Server, targets: dict[str, Any], sessions: dict[int, str]) -> dict[str, list[Spec]]:
    """The three writes, each for several people: a reply (to ten ordinary threads
    of the focus forum), a small material (one PDF page), a registration."""
    from urllib.parse import urlencode

    from forums.models import Thread
    from subjects.models import Subject

    threads = list(
        Thread.objects.filter(forum__network=targets["network"], is_locked=False)
        .exclude(pk=targets["big_thread"])
        .order_by("pk")
        .values_list("pk", flat=True)[:10]
    )
    subject = Subject.objects.order_by("pk").values_list("pk", flat=True).first()
    origin = f"https://127.0.0.1:{server.port}"

    def headers(user: int, referer: str, content_type: str) -> dict[str, str]:
        return {
            "Cookie": f"sessionid={sessions[user]}; csrftoken={CSRF_TOKEN}",
            "X-Forwarded-Proto": "https",
            "Referer": origin + referer,
            "Content-Type": content_type,
        }

    writers = targets["writers"][:10]
    form = "application/x-www-form-urlencoded"
    replies = [
        Spec(
            "POST",
            f"/forum/threads/{thread}/reply/",
            headers(writer, f"/forum/threads/{thread}/", form),
            urlencode(
                {"csrfmiddlewaretoken": CSRF_TOKEN, "body": "Рақмет, әріптес! Келесі сабақта қолданып көремін."}
            ).encode(),
        )
        for writer, thread in zip(writers, threads, strict=False)
    ]
    boundary = "----ortaqbench"
    fields = {
        "csrfmiddlewaretoken": CSRF_TOKEN,
        "title": "Бенчмарк: сабақ жоспары",
        "kind": "lesson_plan",
        "subject": str(subject or ""),
        "grades": "7",
        "language": "kk",
        "description": "Топтық жұмысқа арналған қысқа мерзімді жоспар.",
        "visibility": "network",
        "licence": "cc-by-4.0",
        "link": "",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="jospar.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + TINY_PDF
        + b"\r\n"
    )
    multipart = b"".join(parts) + f"--{boundary}--\r\n".encode()
    create = f"/library/network/{targets['network']}/new/"
    uploads = [
        Spec("POST", create, headers(writer, create, f"multipart/form-data; boundary={boundary}"), multipart)
        for writer in writers[:3]
    ]
    registrations = [
        Spec(
            "POST",
            f"/events/{event}/register/",
            headers(writer, f"/events/{event}/", form),
            urlencode({"csrfmiddlewaretoken": CSRF_TOKEN}).encode(),
        )
        for writer, event in zip(writers, targets["register_events"], strict=False)
    ]
    return {"reply": replies, "upload": uploads, "register": registrations}


def check_writes(server: Server, writes: dict[str, list[Spec]]) -> None:
    """Each write once, through the server: it must redirect to its result, not to
    the sign-in page nor fail its CSRF check."""
    for name, specs in writes.items():
        spec = specs[0]
        status, headers, body, _c = fetch(server.base + spec.path, spec.headers, spec.body)
        location = headers.get("Location", "")
        if status != 302 or "/accounts/login" in location:
            raise SystemExit(f"write {name}: {status} {location} {body[:300]!r}")


def check_counters(server: Server, targets: dict[str, Any], views: int = 20) -> dict[str, int]:
    from materials.models import Material

    pk = targets["public_material"]
    before = Material.objects.get(pk=pk).view_count
    for _ in range(views):
        fetch(f"{server.base}/library/{pk}/", {"X-Forwarded-Proto": "https"})
    return {"views": views, "stored_before": before, "stored_after": Material.objects.get(pk=pk).view_count}


# --- Main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="S", choices=["S", "M", "L"])
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--connections", type=int, default=2, help="wrk connections for the read pages")
    parser.add_argument("--rebuild", action="store_true", help="build the dataset again")
    parser.add_argument("--build-only", action="store_true", help="build (or reuse) the dataset and stop")
    parser.add_argument("--report-only", action="store_true", help="write the markdown again from the JSON")
    parser.add_argument(
        "--pages",
        default="",
        help="only these pages (names, comma-separated), beside the two baselines: no search quality, no "
        "writes; the report goes to report-<size>-pages.md and .json, the full report is left as it was",
    )
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        from bench import report

        print(f"wrote {report.rewrite(OUT, args.size)}", report.write_comparison(OUT) or "")
        return
    # Not DATABASE_URL itself: a developer's usual database must never be the target by accident.
    env = bench_env(args.size, os.environ.get("BENCH_DATABASE_URL") or None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import report

    dataset = ensure_dataset(args.size, env, args.rebuild)
    targets = dataset["targets"]
    if args.build_only:
        return
    if connection.vendor == "sqlite":
        # The writes below change the data: serve a copy, so every run starts from the
        # dataset as built. (PostgreSQL keeps them; rebuild it to start afresh.)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the file we copy
        connection.close()
        built_file = Path(connection.settings_dict["NAME"])
        run_file = built_file.with_name(f"{built_file.stem}-run.sqlite3")
        for suffix in ("-wal", "-shm"):
            Path(f"{run_file}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(built_file, run_file)
        connection.settings_dict["NAME"] = str(run_file)
        env["DATABASE_URL"] = f"sqlite:///{run_file}"
    call_command("collectstatic", "--noinput", verbosity=0)
    pages = pages_for(targets)
    if args.pages:
        pages = chosen_pages(pages, args.pages)
    sessions = sessions_for([targets["reader"], *targets["writers"], *(targets[p.user] for p in pages)])
    for page in pages:
        page.session = sessions[targets[page.user]]
    count_queries(pages)
    print("queries: " + ", ".join(f"{p.name} {p.result['queries']}" for p in pages), flush=True)
    quality: dict[str, dict[str, Any]] = {}
    if not args.pages:
        evaluated = time.monotonic()
        quality = measure_search_quality()
        print(
            f"search quality ({time.monotonic() - evaluated:.0f} s): "
            + ", ".join(f"{group} recall {q['recall']:g} precision {q['precision']:g}" for group, q in quality.items()),
            flush=True,
        )
    plan_report = measure_plan_report(targets["development_plan"])
    print(f"monitoring report: {plan_report}", flush=True)
    connection.close()

    started = datetime.datetime.now().isoformat(timespec="seconds")
    with Server(env, OUT / f"server-{args.size}.log") as server:
        measure_bytes(server, pages)
        writes = write_specs(server, targets, sessions) if not args.pages else {}
        check_writes(server, writes)
        counters = check_counters(server, targets) if not args.pages else {}
        runs: dict[str, list[dict[str, Any]]] = {p.name: [] for p in pages}
        for repetition in range(args.repetitions):
            for page in pages:
                result = run_wrk(server, lua_script([read_spec(page)], [0]), args.duration, args.connections)
                runs[page.name].append(result)
                print(
                    f"[{repetition + 1}/{args.repetitions}] {page.name}: {result['rps']} req/s, "
                    f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, CPU {result['cpu_ms']} ms/req",
                    flush=True,
                )
        for page in pages:
            page.result["load"] = report.summarize(runs[page.name])
            page.result["load"]["non_success"] = sum(r["non_success"] for r in runs[page.name])

        # Writes: a 90/10 mix of the pages people read most and the three writes,
        # then each write alone for its own latency.
        reads = [read_spec(p) for p in pages if p.name in ("thread_first", "forum_index", "material", "calendar")]
        write_list = [spec for specs in writes.values() for spec in specs]
        specs = reads + write_list
        schedule = []
        for k in range(10 * len(write_list)):
            schedule.append(len(reads) + k // 10 if k % 10 == 9 else k % len(reads))
        write_results: dict[str, dict[str, Any]] = {}
        if writes:
            locked_before = server.locked_count()
            result = run_wrk(server, lua_script(specs, schedule), args.duration * 2, 4)
            result["locked"] = server.locked_count() - locked_before
            write_results["mix"] = result
        for name, specs_of_kind in writes.items():
            locked_before = server.locked_count()
            result = run_wrk(server, lua_script(specs_of_kind, list(range(len(specs_of_kind)))), args.duration, 2)
            result["locked"] = server.locked_count() - locked_before
            write_results[name] = result
        for name, result in write_results.items():
            print(f"write {name}: {result}", flush=True)
        drain_task_queue(server)

    data = {
        "size": args.size,
        "only_pages": bool(args.pages),
        "speed_helpers": env["ORTAQ_SPEED_HELPERS"] != "0",
        "started": started,
        "database": "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite",
        "cache": "Redis" if "REDIS_URL" in env else "local memory",
        "workers": WORKERS,
        "tool": "wrk",
        "duration": args.duration,
        "repetitions": args.repetitions,
        "connections": args.connections,
        "counts": dataset["counts"],
        "build_seconds": dataset.get("seconds"),
        "pages": report.with_ratios({p.name: {"path": p.path, "anonymous": p.anonymous, **p.result} for p in pages}),
        "writes": write_results,
        "counters": counters,
        "search_quality": quality,
        "plan_report": plan_report,
        "notes": [
            "HTML bytes are as the server sends them; `html_gzip_if_proxy` in the JSON is the size a compressing "
            "proxy would send.",
            f"CPU ms/req: user+system time of the {WORKERS} gunicorn workers (/proc/<pid>/stat) over a run, "
            "divided by its requests.",
            "wrk and the server share the machine's cores. «other CPU»: the share of the machine's cores busy "
            "outside the workers during a run (wrk itself, about 0.1, and anything else running); when it is "
            "high, latencies are inflated and CPU ms/req is the figure to trust. Size ratios are judged on CPU.",
            "Each SQLite run serves a fresh copy of the built dataset (the writes change it).",
            "Search quality: search/evaluation.py's queries over this dataset, as a reader who sees every "
            "document; recall over the documents a query's words match (a page ranks the newest 2,000 of them), "
            "precision over the first page of 20.",
        ],
    }
    if args.pages:
        json_path, md_path = report.write(data, OUT, name=f"report-{args.size}-pages")
        print(f"wrote {md_path} and {json_path}", flush=True)
        return
    small = report.load(OUT / "report-S.json") if args.size != "S" else None
    json_path, md_path = report.write(data, OUT, small)
    compare = report.write_comparison(OUT)
    print(f"wrote {md_path} and {json_path}" + (f", {compare}" if compare else ""), flush=True)
