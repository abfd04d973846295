"""``ortaq backup`` → change everything → ``ortaq restore`` gives back every row and every
file byte for byte, on the database the suite runs on (SQLite or PostgreSQL), with
the demo's data and uploads in a scratch database of its own."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(tmp_path: Path):
    """A scratch site: its own database of the suite's kind and its own media folder."""
    env = {**os.environ, "ORTAQ_ENV": "test", "MEDIA_ROOT": str(tmp_path / "media"), "ORTAQ_VAR_DIR": str(tmp_path)}
    name = None
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        name = f"ortaq_backup_{uuid.uuid4().hex[:8]}"
        host, port, user = settings["HOST"] or "127.0.0.1", settings["PORT"] or "5432", settings["USER"] or "postgres"
        admin = {**os.environ, "PGHOST": host, "PGPORT": str(port), "PGUSER": user}
        subprocess.run(["createdb", "-E", "UTF8", "-T", "template0", "--locale=C.UTF-8", name], check=True, env=admin)
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"

    def ortaq(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "ortaq", *args], env=env, capture_output=True, text=True, check=False, cwd=tmp_path
        )
        assert run.returncode == 0, run.stderr[-3000:]
        return run.stdout

    ortaq("migrate", "--noinput", "-v0")
    ortaq("demo")
    yield ortaq, tmp_path / "media"
    if name:
        subprocess.run(["dropdb", "--if-exists", name], check=False, env=admin)


def rows(ortaq) -> str:
    # The full-text table is SQLite's index of search documents (an FTS5 shadow), not data.
    return ortaq("dumpdata", "--all", "--indent", "0", "--exclude", "sessions", "--exclude", "search.FullTextEntry")


def test_a_backup_restores_every_row_and_file_byte_for_byte(site, tmp_path):
    ortaq, media = site
    before_rows, before_files = rows(ortaq), files(media)
    assert before_files, "the demo uploads files"

    out = ortaq("backup", "--to", str(tmp_path / "backups"))
    archive = Path(out.split("Backup written: ", 1)[1].strip())
    ortaq("shell", "-c", "from forums.models import Post; Post.objects.filter(number__gt=1).delete()")
    ortaq("shell", "-c", "from materials.models import Comment; Comment.objects.all().delete()")
    first = sorted(p for p in media.rglob("*") if p.is_file())[0]
    first.write_bytes(b"changed")
    (media / "stray.txt").write_text("after the backup")
    assert rows(ortaq) != before_rows and files(media) != before_files

    restored = ortaq("restore", str(archive), "--yes")

    assert "Restored the backup" in restored
    assert rows(ortaq) == before_rows
    assert files(media) == before_files
    assert any(p.name.startswith("media.before-restore-") for p in media.parent.iterdir())  # nothing thrown away


def test_restore_asks_before_it_replaces_anything(tmp_path):
    env = {**os.environ, "ORTAQ_ENV": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    run = subprocess.run(
        [sys.executable, "-m", "ortaq", "restore", str(tmp_path / "none.tar.gz")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode != 0 and "--yes" in run.stderr
