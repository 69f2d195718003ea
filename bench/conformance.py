"""What outside tools and a print shop's preflight say of the demo PDFs:
``.venv/bin/python bench/conformance.py`` (builds the print guides into
``build/conformance/`` first, which takes a minute).

Prints, for every screen PDF of ``build/`` (run ``make build`` first), the rules the
independent validator ``page-validation`` finds failed with the PDF/A-3a and PDF/UA-1
profiles; then, for the print guide of each demo campus and language, what a
preflight reads back (tests/pressread.py): PDF version, PDF/X identification, output
intent, colour spaces, highest total ink, links, boxes, fonts. A measurement, not a
test.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generator import BuildOptions, Project, build  # noqa: E402

from conformance import conformance_failures  # noqa: E402
from pressread import preflight  # noqa: E402


def main() -> None:
    screens = sorted(path for path in (ROOT / "build").glob("*/*/*.pdf")
                     if path.name.count(".") == 1)
    if not screens:
        sys.exit("No PDF in build/: run make build first.")
    passed = 0
    for pdf in screens:
        failures = conformance_failures(pdf)
        passed += not failures
        print(f"{pdf.relative_to(ROOT)}: {len(failures)} failed rules (PDF/A-3a, PDF/UA-1)")
        for failure in failures:
            print(f"  {failure}")
    print(f"{passed} of {len(screens)} screen PDFs conform to PDF/A-3a and PDF/UA-1\n")
    out = ROOT / "build" / "conformance"
    build(Project.at(ROOT), BuildOptions(documents=("guide",), output_dir=out,
                                         kind_options={"profiles": ("print",)}))
    for pdf in sorted(out.glob("*/*/*.print.pdf")):
        found = preflight(pdf)
        problems = found.problems(ink_limit=300, condition="FOGRA39")
        print(f"{pdf.relative_to(out)}: PDF {found.version}, {found.pdfx or 'not PDF/X'}, "
              f"intents {found.intents}, colour spaces {sorted(found.spaces)}, highest total "
              f"ink {found.max_ink:.0f} %, {found.links} links, "
              f"{len(found.unembedded)} fonts not embedded; "
              f"{len(problems)} preflight problems {problems or ''}")


if __name__ == "__main__":
    main()
