"""``ortaq backup`` and ``ortaq restore``: the database and the uploaded files in one
archive, for the single-server setup (SQLite, media on disk) and for PostgreSQL.

An archive is a ``.tar.gz`` holding ``manifest.json`` (when, which database, every
file with its size and SHA-256), ``database.sqlite3`` (SQLite's online backup API: a
consistent copy while the site runs) or ``database.dump`` (``pg_dump --format=custom``),
and ``media/``. The database is copied first and the files after: a file uploaded in
between is kept as an extra, never missing.

Restoring replaces the database and the media folder with the archive's (the folder
that was there is kept aside, ``<media>.before-restore-<time>``), then checks every
file against the manifest. Stop the app servers and workers first; run ``ortaq
migrate`` after restoring an archive made by an older release. Uploads kept in object
storage (S3_BUCKET) are not in the archive: the bucket has its own versioning
(docs/deploy.md).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    pass


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path | None:
    if getattr(settings, "S3_BUCKET", ""):
        return None
    return Path(settings.MEDIA_ROOT)


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    return env


def backup(directory: Path) -> Path:
    """Writes an archive into ``directory`` and returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    db = _database()
    vendor = connections["default"].vendor
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"ortaq-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if vendor == "sqlite":
            dump = work / "database.sqlite3"
            source = sqlite3.connect(str(db["NAME"]))
            target = sqlite3.connect(str(dump))
            with target:
                source.backup(target)
            source.close()
            target.close()
        elif vendor == "postgresql":
            dump = work / "database.dump"
            # Fixed arguments; pg_dump comes from the operator's PATH (postgresql-client).
            subprocess.run(  # noqa: S603
                ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", str(db["NAME"])],  # noqa: S607
                check=True,
                env=_pg_env(db),
            )
        else:
            raise BackupError(f"Backups of a {vendor} database are not supported.")
        files: dict[str, dict[str, Any]] = {}
        media = _media_root()
        if media is not None and media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[path.relative_to(media).as_posix()] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT,
            "made_at": timezone.now().isoformat(),
            "database": vendor,
            "database_file": dump.name,
            "database_sha256": _sha256(dump),
            "media": media is not None,
            "files": files,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(dump, arcname=dump.name)
            for name in files:
                tar.add(media / name, arcname=f"media/{name}")  # type: ignore[operator]
        partial.rename(archive)  # a half-written archive never looks like a backup
    return archive


def restore(archive: Path) -> dict[str, Any]:
    """Replaces the database and the media folder with the archive's; returns its manifest."""
    db = _database()
    vendor = connections["default"].vendor
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")  # no absolute paths, links or devices from an archive
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was made by another version of the backup format.")
        if manifest["database"] != vendor:
            raise BackupError(f"The archive holds a {manifest['database']} database; this site runs {vendor}.")
        dump = work / manifest["database_file"]
        if _sha256(dump) != manifest["database_sha256"]:
            raise BackupError("The database copy in the archive is damaged.")
        for name, facts in manifest["files"].items():
            path = work / "media" / name
            if not path.is_file() or _sha256(path) != facts["sha256"]:
                raise BackupError(f"The file {name} in the archive is damaged or missing.")
        connections.close_all()
        if vendor == "sqlite":
            target = Path(str(db["NAME"]))
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            source = sqlite3.connect(str(dump))
            destination = sqlite3.connect(str(target))
            with destination:
                source.backup(destination)
            source.close()
            destination.close()
        else:
            subprocess.run(  # noqa: S603
                [  # noqa: S607 (fixed arguments; pg_restore from the operator's PATH)
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    f"--dbname={db['NAME']}",
                    str(dump),
                ],
                check=True,
                env=_pg_env(db),
            )
        media = _media_root()
        if manifest["media"] and media is not None:
            if media.exists():
                aside = media.with_name(f"{media.name}.before-restore-{datetime.datetime.now():%Y%m%d-%H%M%S}")
                media.rename(aside)
            if (work / "media").exists():
                shutil.copytree(work / "media", media)
            else:
                media.mkdir(parents=True)
    # What the cache kept was about the rows before: a restored database gives the same
    # ids to other rows (a survey's figures, a network's counts are keyed by ids).
    cache.clear()
    return manifest
