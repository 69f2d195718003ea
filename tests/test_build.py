"""The build command: outputs, determinism, atomic writes, list, validate, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import BuildOptions, Project, build
from generator.publish import MANIFEST_NAME, write_atomically
from generator.publish.journal import LOCK

from conftest import REPO
from helpers import edit, run_cli


def test_two_builds_are_byte_identical(demo_build: Path, tmp_path: Path) -> None:
    """The same bytes whatever the number of workers (the demo build makes two documents
    at a time, this one one, in this process), for every kind of document of a campus."""
    build(Project.at(REPO), BuildOptions(campuses=("demo-nord",), output_dir=tmp_path, jobs=1))
    first = sorted(p.relative_to(demo_build) for p in demo_build.rglob("*.*"))
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.*"))
    # 4 guides, 6 handouts (demo-sud prints only the PO), 8 one-pager files, the web
    # editions (34 files for demo-nord's two languages, 44 for demo-sud's: its guide's
    # roles have pages, and two font families), the manifest, and the (empty) lock file
    # that keeps two builds from publishing at once
    assert len(first) == 18 + 78 + 2 and Path(LOCK) in first
    assert second == [p for p in first if p.parts[0] != "demo-sud"] and len(second) == 12 + 34
    assert sorted(json.loads((tmp_path / MANIFEST_NAME).read_text())["files"]) == [
        p.as_posix() for p in second if p.name not in (MANIFEST_NAME, LOCK)]
    for relative in second:
        if relative.name != MANIFEST_NAME:  # it lists the other campus's files too
            assert (demo_build / relative).read_bytes() == (tmp_path / relative).read_bytes()


@pytest.mark.slow  # several PDFs in several languages
def test_build_writes_only_what_is_asked_then_reports_up_to_date(project_dir: Path) -> None:
    args = ("build", "--project", str(project_dir), "--campus", "demo-sud", "--lang", "en")
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output and "demo-sud/en/guide-pm-vs-po.pdf" in first.output
    built = sorted(p.relative_to(project_dir / "build").as_posix()
                   for p in (project_dir / "build").rglob("*") if p.is_file()
                   if "/site/" not in p.as_posix())  # the web edition: tests/test_web.py
    assert built == [LOCK, MANIFEST_NAME, "demo-sud/en/comparison-pm-vs-po.docx",
                     "demo-sud/en/comparison-pm-vs-po.pdf", "demo-sud/en/guide-pm-vs-po.pdf",
                     "demo-sud/en/handout-po.docx"]
    second = run_cli(*args)
    assert "up to date" in second.output and "0 written" in second.output


def test_out_option(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--lang", "en", "--doc", "handout", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "demo-nord/en/handout-po.docx").is_file()
    assert not (project_dir / "build").exists()


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a" / "guide-pm-vs-po.pdf"
    write_atomically(target, b"good")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in target.parent.iterdir()] == ["guide-pm-vs-po.pdf"]


def test_list_shows_what_content_defines() -> None:
    result = run_cli("list", "--project", str(REPO))
    assert result.exit_code == 0
    for expected in ("pm", "Product Manager", "po", "pm-vs-po", "demo-nord", "demo-sud",
                     "fr, en", "guide", "handout"):
        assert expected in result.output


def test_validate_passes_on_the_demo() -> None:
    result = run_cli("validate", "--project", str(REPO))
    assert result.exit_code == 0, result.output
    assert "All good: 2 roles, 1 comparisons, 2 campuses" in result.output


def test_not_a_project_folder(tmp_path: Path) -> None:
    result = run_cli("build", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert "not a careerdocs project folder" in result.output


@pytest.mark.parametrize("command,says", [
    ([], ["careerdocs validate", "careerdocs build", "careerdocs compare pm po",
          "careerdocs campus new"]),
    (["build"], ["--campus ID", "--lang CODE", "--doc [guide|handout|comparison|web]",
                 "--role ID", "--out DIRECTORY", "--allow-missing",
                 "your previous documents stay as they were"]),
    (["validate"], ["Writes nothing", "Exits with 0 when all is well, 1 otherwise"]),
    (["list"], ["roles, comparisons, campuses, languages and document kinds"]),
    (["compare"], ["ROLE ROLE [ROLE]", "--landscape", "compare/ROLE-ROLE.pdf"]),
])
def test_help_says_what_each_command_does(command: list[str], says: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())  # Click wraps lines
    for words in says:
        assert words in text, words
    assert text.startswith(f"Usage: careerdocs {' '.join(command)}".rstrip())


@pytest.mark.slow  # starts a second Python
def test_python_dash_m_is_the_same_program() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "list"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Usage" not in result.stdout and "pm-vs-po" in result.stdout


def _handouts_only(project: Path, roles: str) -> None:
    """One campus printing handouts only: a full build of it takes a second."""
    (project / "content/campuses/demo-nord.yaml").unlink()
    edit(project, "content/campuses/demo-sud.yaml", "documents: [guide, handout, comparison, web]",
         "documents: [handout]")
    edit(project, "content/campuses/demo-sud.yaml", "roles: [po]", f"roles: [{roles}]")


@pytest.mark.slow  # several builds
def test_full_build_removes_only_what_careerdocs_wrote(project_dir: Path) -> None:
    _handouts_only(project_dir, "pm, po")
    assert run_cli("build", "--project", str(project_dir)).exit_code == 0
    folder = project_dir / "build/demo-sud/fr"
    assert (folder / "handout-pm.docx").is_file()
    (folder / "handout-po-annotated.docx").write_bytes(b"the teacher's copy")
    (folder / "notes.txt").write_text("the teacher's own file")
    english = project_dir / "build/demo-sud/en/handout-pm.docx"
    english.write_bytes(b"edited in place by a teacher")
    edit(project_dir, "content/campuses/demo-sud.yaml", "roles: [pm, po]", "roles: [po]")
    partial = run_cli("build", "--project", str(project_dir), "--lang", "fr")
    assert partial.exit_code == 0 and (folder / "handout-pm.docx").exists()  # partial: no removal
    result = run_cli("build", "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    assert "removed    " in result.output and "handout-pm.docx (no longer printed)" in result.output
    assert not (folder / "handout-pm.docx").exists()
    assert (folder / "handout-po-annotated.docx").read_bytes() == b"the teacher's copy"
    assert (folder / "notes.txt").exists() and (folder / "handout-po.docx").exists()
    assert english.read_bytes() == b"edited in place by a teacher"  # changed since: kept


@pytest.mark.slow  # several builds
# (tests/hostile/test_hostile_output.py reads many more damaged manifests, without a build)
@pytest.mark.parametrize("manifest", ['{"format": 1, "files": {"../../content/school.yaml": '
                                      '"0"}}'])
def test_a_broken_manifest_removes_nothing(project_dir: Path, manifest: str) -> None:
    _handouts_only(project_dir, "pm, po")
    assert run_cli("build", "--project", str(project_dir)).exit_code == 0
    (project_dir / "build" / MANIFEST_NAME).write_text(manifest)
    edit(project_dir, "content/campuses/demo-sud.yaml", "roles: [pm, po]", "roles: [po]")
    result = run_cli("build", "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert (project_dir / "build/demo-sud/fr/handout-pm.docx").exists()
    assert (project_dir / "content/school.yaml").exists()
    recorded = json.loads((project_dir / "build" / MANIFEST_NAME).read_text())["files"]
    assert sorted(recorded) == ["demo-sud/en/handout-po.docx", "demo-sud/fr/handout-po.docx"]
