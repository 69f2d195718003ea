"""Helpers for tests: run the CLI, edit a project copy, check that a build fails cleanly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.documents import guide as guide_kind

GOOD_PDF = Path("build/demo-nord/fr/guide-pm-vs-po.pdf")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, relative: str, fragment: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def snapshot(project: Path) -> dict[str, str]:
    """Hash of every file under build/, temporary files included."""
    return {str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((project / "build").rglob("*")) if path.is_file()}


# Content and template problems are found before anything is printed, whatever is
# asked; printing one campus in one language is enough to meet the rest.
NARROW = ("--campus", "demo-nord", "--lang", "fr")
NORD_GUIDE = (*NARROW, "--doc", "guide")
SUD_GUIDE = ("--campus", "demo-sud", "--lang", "fr", "--doc", "guide")


def build_fails(project: Path, *expected: str, narrow: tuple[str, ...] = NARROW) -> str:
    """Build must exit 1, print every ``expected`` fragment, and change nothing in build/."""
    before = snapshot(project)
    assert (project / GOOD_PDF).is_file()
    result = run_cli("build", "--project", str(project), *narrow)
    assert result.exit_code == 1, result.output
    for fragment in expected:
        assert fragment in result.output
    assert snapshot(project) == before
    return result.output


def run_cli(*args: str) -> Result:
    """Run ``careerdocs ARGS`` in-process, as a user would type it."""
    return CliRunner().invoke(main, list(args), prog_name="careerdocs", catch_exceptions=False)


def lay_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guides laid out once, not planned over up to 10 layouts: for a test of what a guide
    says, of which template it takes, or of a defect its first layout already shows."""
    monkeypatch.setattr(guide_kind, "MAX_LAYOUTS", 1)
