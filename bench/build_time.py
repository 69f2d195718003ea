"""How long a brochure takes to build: run ``.venv/bin/python bench/build_time.py [ROUNDS]``.

Builds every demo document into a temporary folder ROUNDS times (default 3) and prints
the best and median wall time per round and per PDF. A benchmark, not a test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from generator import BuildOptions, Project, build

ROOT = Path(__file__).resolve().parent.parent


def one_round() -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = build(Project.at(ROOT), BuildOptions(output_dir=Path(out)))
        return time.perf_counter() - start, len(result.written)


def main(rounds: int) -> None:
    timings = [one_round() for _ in range(rounds)]
    seconds = [elapsed for elapsed, _ in timings]
    documents = timings[0][1]
    print(f"{documents} documents per round, {rounds} rounds")
    print(f"best   {min(seconds):.2f} s  ({min(seconds) / documents:.2f} s per document)")
    print(f"median {statistics.median(seconds):.2f} s  "
          f"({statistics.median(seconds) / documents:.2f} s per document)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
