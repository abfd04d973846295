"""mypy against a written baseline that may only shrink.

The errors that were there when type checking was switched on are listed in
.ci/mypy-baseline.txt, one per line, without line numbers (code moves). A run fails
when mypy reports an error that is not in the list; errors that are gone are reported
so the list can be shortened with --update.

    python .ci/mypy_baseline.py            # check
    python .ci/mypy_baseline.py --update   # write the list anew (only ever shorter)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / ".ci" / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+(?::\d+)?: error: (?P<message>.*)$")


def current_errors() -> Counter[str]:
    env = {**os.environ, "ORTAQ_ENV": "test"}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "."], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if run.returncode not in (0, 1):  # 2: mypy itself failed
        sys.stderr.write(run.stdout + run.stderr)
        sys.exit(run.returncode)
    errors: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            message = re.sub(r"\bline \d+", "line N", match["message"])
            errors[f"{match['path']}: {message}"] += 1
    return errors


def main() -> int:
    errors = current_errors()
    known = Counter(line for line in BASELINE.read_text().splitlines() if line) if BASELINE.exists() else Counter()
    if "--update" in sys.argv:
        if known and (errors - known):
            print("Refusing to update: the baseline may only shrink. New errors:", file=sys.stderr)
            print("\n".join(sorted((errors - known).elements())), file=sys.stderr)
            return 1
        BASELINE.write_text("".join(f"{line}\n" for line in sorted(errors.elements())))
        print(f"mypy baseline: {sum(errors.values())} errors written to {BASELINE.relative_to(ROOT)}")
        return 0
    new, gone = errors - known, known - errors
    if gone:
        print(f"mypy: {sum(gone.values())} errors of the baseline are gone; shorten it with --update.")
    if new:
        print(f"mypy: {sum(new.values())} new errors (not in {BASELINE.relative_to(ROOT)}):")
        print("\n".join(sorted(new.elements())))
        return 1
    print(f"mypy: no new errors ({sum(errors.values())} left in the baseline).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
