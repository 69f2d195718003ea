"""Personal guides for open-day visitors, measured: ``.venv/bin/python bench/visitors.py``.

Prints, in one run on this machine (a benchmark, not a test; about 5 minutes on 2
cores): the time ``careerdocs visitors`` takes, as typed, for generated exports of 1,
10, 100 and 500 visitors (both demo campuses and languages, 1 or 2 roles each, from
``tests/exports.py``, fixed seed), the time per visitor, the ratio of 500 visitors to
one personal guide made alone (target: at most 25), and the peak memory of the
largest worker process (the build's bound: ``RENDER_MEMORY_BYTES``).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from exports import generated_rows, write_export  # noqa: E402

from generator.limits import RENDER_MEMORY_BYTES  # noqa: E402

SIZES = (1, 10, 100, 500)
SEED = 2026


def timed(project: Path, export: Path) -> float:
    """Seconds for ``careerdocs visitors EXPORT``, as a user types it (2 jobs)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "visitors", "--project", str(project),
                    "--jobs", "2", str(export)], check=True, capture_output=True, cwd=project)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        for part in ("content", "templates"):
            shutil.copytree(ROOT / part, project / part)
        seconds = {}
        for size in SIZES:
            export = write_export(Path(folder) / f"export-{size}.csv",
                                  generated_rows(SEED, size), "csv-bom", seed=SEED)
            seconds[size] = timed(project, export)
            print(f"{size:>4} visitors: {seconds[size]:7.1f} s, "
                  f"{seconds[size] / size:6.3f} s per visitor", flush=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        ratio = seconds[500] / seconds[1]
        print(f"500 visitors / one guide alone: {ratio:.1f} (target: at most 25)")
        print(f"largest process: {peak / 1e6:.0f} MB (bound: {RENDER_MEMORY_BYTES / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
