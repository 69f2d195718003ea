"""The build command: outputs, determinism, atomic writes, list, validate, help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import BuildOptions, Project, build
from generator.writer import write_atomically

from conftest import REPO
from helpers import run_cli


def test_two_builds_are_byte_identical(demo_build: Path, tmp_path: Path) -> None:
    build(Project.at(REPO), BuildOptions(output_dir=tmp_path))
    first = sorted(p.relative_to(demo_build) for p in demo_build.rglob("*.*"))
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.*"))
    # 4 brochures, 6 handouts (demo-sud prints only the PO), 8 one-pager files
    assert first == second and len(first) == 18
    for relative in first:
        assert (demo_build / relative).read_bytes() == (tmp_path / relative).read_bytes()


def test_build_writes_only_what_is_asked_then_reports_up_to_date(project_dir: Path) -> None:
    args = ("build", "--project", str(project_dir), "--campus", "demo-sud", "--lang", "en")
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output and "demo-sud/en/brochure.pdf" in first.output
    built = sorted(p.relative_to(project_dir / "build").as_posix()
                   for p in (project_dir / "build").rglob("*") if p.is_file())
    assert built == ["demo-sud/en/brochure.pdf", "demo-sud/en/comparison-pm-vs-po.docx",
                     "demo-sud/en/comparison-pm-vs-po.pdf", "demo-sud/en/handout-po.docx"]
    second = run_cli(*args)
    assert "up to date" in second.output and "0 written" in second.output


def test_out_option(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--lang", "en", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "demo-nord/en/brochure.pdf").is_file()
    assert not (project_dir / "build").exists()


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a" / "brochure.pdf"
    write_atomically(target, b"good")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in target.parent.iterdir()] == ["brochure.pdf"]


def test_list_shows_what_content_defines() -> None:
    result = run_cli("list", "--project", str(REPO))
    assert result.exit_code == 0
    for expected in ("pm", "Product Manager", "po", "pm-vs-po", "demo-nord", "demo-sud",
                     "fr, en", "brochure", "handout"):
        assert expected in result.output


def test_validate_passes_on_the_demo() -> None:
    result = run_cli("validate", "--project", str(REPO))
    assert result.exit_code == 0, result.output
    assert "All good: 2 roles, 1 comparisons, 2 campuses" in result.output


def test_not_a_project_folder(tmp_path: Path) -> None:
    result = run_cli("build", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert "not a careerdocs project folder" in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["list"]])
def test_help_is_written_for_people(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: main" in result.output or "Usage: careerdocs" in result.output
    assert len(result.output.split()) > 20


def test_python_dash_m_is_the_same_program() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "list"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Usage" not in result.stdout and "pm-vs-po" in result.stdout


def test_full_build_removes_documents_no_longer_printed(project_dir: Path) -> None:
    args = ("build", "--project", str(project_dir), "--campus", "demo-sud", "--lang", "fr",
            "--doc", "handout")
    assert run_cli(*args).exit_code == 0
    folder = project_dir / "build/demo-sud/fr"
    (folder / "handout-pm.docx").write_bytes(b"an old handout")  # from when it printed PM
    (folder / "comparison-custom-pm-po.pdf").write_bytes(b"made by careerdocs compare")
    (folder / "notes.txt").write_text("the teacher's own file")
    assert run_cli(*args).exit_code == 0  # a partial build removes nothing
    assert (folder / "handout-pm.docx").exists()
    result = run_cli("build", "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    assert "removed    " in result.output and "handout-pm.docx (no longer printed)" in result.output
    assert not (folder / "handout-pm.docx").exists()
    assert (folder / "comparison-custom-pm-po.pdf").exists() and (folder / "notes.txt").exists()
