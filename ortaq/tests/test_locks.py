"""requirements.lock pins what a server runs; requirements-dev.lock adds the test
tools. They must agree: a server and CI must run the same versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text().split("\n")
    return {
        re.sub(r"[-_.]+", "-", package).lower(): version
        for package, version in (line.split("==") for line in lines if line.strip())
    }


def test_it_pins_every_runtime_dependency_and_nothing_for_the_tests():
    runtime = pins("requirements.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert re.split(r"[\[<>=~! ]", requirement)[0].lower() in runtime, requirement
    for test_tool in ("pytest", "playwright", "moto", "hypothesis", "ruff"):
        assert test_tool not in runtime


def test_the_development_lock_has_the_same_versions_and_more():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {package: development.get(package) for package in runtime} == runtime
    assert len(development) > len(runtime)
