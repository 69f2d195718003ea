"""How far generated guides are from the fill rules:
``.venv/bin/python bench/generated_fill.py [SEEDS]``.

Builds the guide of each generated project (tests/generate.py, seeds 0 to SEEDS - 1,
6 by default: those of make test) in a temporary folder and prints, per seed, the
pages under 60 % filled (notes pages and covers left out) and the number of notes
pages, then the totals. The layout test holds generated guides, like the demo, to 60 %
and one page of notes (make test: seeds 0 to 5; --slow: 0 to 99). A measurement, not a
test: ``bench/generated_fill.py 100`` says how far the --slow run is from passing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generator import BuildOptions, Project, build  # noqa: E402

from generate import generate  # noqa: E402
from layoutcheck import MIN_FILL, check_pdf  # noqa: E402


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    low_pages = over_notes = 0
    for seed in range(seeds):
        with tempfile.TemporaryDirectory() as folder:
            spec, lang = generate(seed, Path(folder)), ("fr", "en")[seed % 2]
            build(Project.at(Path(folder)), BuildOptions(languages=(lang,),
                                                         documents=("guide",)))
            report = check_pdf(Path(folder) / f"build/campus/{lang}/guide-generated.pdf",
                               spec.paper, project=Path(folder), lang=lang)
        low = {page: share for page, share in report.fill.items() if share < MIN_FILL}
        low_pages += len(low)
        over_notes += report.notes_pages > 1
        shown = ", ".join(f"p.{page}: {share:.0%}" for page, share in low.items()) or "none"
        print(f"seed {seed} ({spec.paper}, {lang}): "
              f"under {MIN_FILL:.0%}: {shown}; {report.notes_pages} page(s) of notes")
    print(f"{seeds} guides: {low_pages} pages under {MIN_FILL:.0%}, {over_notes} guides "
          "with more than one page of notes")


if __name__ == "__main__":
    main()
