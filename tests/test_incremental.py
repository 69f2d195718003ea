"""Fast at every size: documents made again only when what they show changed, several
made at once with the same bytes, and a command line that loads no renderer to help."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from generator import BuildOptions, CareerdocsError, Project, build
from generator.publish import MANIFEST_NAME

from conftest import REPO
from helpers import edit, run_cli

HANDOUTS = BuildOptions(documents=("handout",))
SUD = BuildOptions(campuses=("demo-sud",), documents=("handout",))  # two handouts: quick


def made(project: Path, options: BuildOptions = HANDOUTS) -> set[str]:
    """The files the build made (rendered) this time, relative to build/."""
    result = build(Project.at(project), options)
    out = project / "build"
    return {path.relative_to(out).as_posix() for path in result.made}


def handouts(campus: str, role: str) -> set[str]:
    return {f"{campus}/{lang}/handout-{role}.docx" for lang in ("fr", "en")}


def test_an_edit_makes_only_its_language_again(project_dir: Path) -> None:
    assert made(project_dir, SUD) == handouts("demo-sud", "po")
    edit(project_dir, "content/roles/po.yaml", "en: Create and manage the product backlog.",
         "en: Create, manage and share the product backlog.")
    assert made(project_dir, SUD) == {"demo-sud/en/handout-po.docx"}
    assert made(project_dir, SUD) == set()


@pytest.mark.slow  # six builds of up to six handouts
def test_only_the_handouts_showing_an_edit_are_made_again(project_dir: Path) -> None:
    everything = made(project_dir)
    assert everything == handouts("demo-nord", "pm") | handouts("demo-nord", "po") | \
        handouts("demo-sud", "po")
    assert made(project_dir) == set()  # nothing changed: nothing made
    edit(project_dir, "content/roles/pm.yaml", "en: Build the product roadmap.",
         "en: Build and share the product roadmap.")
    assert made(project_dir) == {"demo-nord/en/handout-pm.docx"}  # demo-sud prints no PM
    # A job title is kept from hyphenation wherever it is written, in every language (the
    # English texts name the French "Chef de produit"): a new one makes every handout.
    edit(project_dir, "content/roles/pm.yaml", "fr: Product Manager", "fr: Chef de produit")
    assert made(project_dir) == everything
    edit(project_dir, "content/campuses/demo-sud.yaml", '"#2a6f4e"', '"#264653"')
    assert made(project_dir) == handouts("demo-sud", "po")
    edit(project_dir, "templates/locales/en/LC_MESSAGES/messages.po",
         'msgstr "Key facts"', 'msgstr "The facts"')
    assert made(project_dir) == {name for name in everything if "/en/" in name}


@pytest.mark.slow  # four builds of six handouts
def test_a_changed_logo_or_reference_document_makes_its_documents_again(
        project_dir: Path) -> None:
    made(project_dir)
    logo = project_dir / "content/images/demo-nord.svg"
    logo.write_text(logo.read_text().replace("#ffffff", "#fefefe"))
    assert made(project_dir) == handouts("demo-nord", "pm") | handouts("demo-nord", "po")
    reference = project_dir / "templates/campuses/demo-sud/reference.docx"
    reference.parent.mkdir(parents=True, exist_ok=True)
    reference.write_bytes((project_dir / "templates/default/reference.docx").read_bytes())
    assert made(project_dir) == handouts("demo-sud", "po")


def test_a_document_changed_or_deleted_on_disk_is_made_again(project_dir: Path) -> None:
    made(project_dir, SUD)
    out = project_dir / "build"
    (out / "demo-sud/fr/handout-po.docx").write_bytes(b"edited in Word, saved in place")
    assert made(project_dir, SUD) == {"demo-sud/fr/handout-po.docx"}
    (out / "demo-sud/en/handout-po.docx").unlink()
    assert made(project_dir, SUD) == {"demo-sud/en/handout-po.docx"}


@pytest.mark.parametrize("damage", [
    "{cut", pytest.param("", marks=pytest.mark.slow),
    pytest.param('{"format": 2, "files": {"x": 1}}', marks=pytest.mark.slow),
    pytest.param("[]", marks=pytest.mark.slow)])
def test_a_missing_or_broken_cache_means_a_full_build(project_dir: Path, damage: str) -> None:
    everything = made(project_dir, SUD)
    manifest = project_dir / "build" / MANIFEST_NAME
    before = {path: path.read_bytes() for path in (project_dir / "build").rglob("*.docx")}
    if damage:
        manifest.write_text(damage)
    else:
        manifest.unlink()
    assert made(project_dir, SUD) == everything
    assert {path: path.read_bytes() for path in before} == before  # and the same bytes


def test_a_wrong_key_in_the_cache_makes_the_document_again(project_dir: Path) -> None:
    made(project_dir, SUD)
    manifest = project_dir / "build" / MANIFEST_NAME
    data = json.loads(manifest.read_text())
    data["files"]["demo-sud/fr/handout-po.docx"]["key"] = "0" * 64
    data["last"] = {}
    manifest.write_text(json.dumps(data))
    assert made(project_dir, SUD) == {"demo-sud/fr/handout-po.docx"}


@pytest.mark.slow  # two builds
def test_force_makes_everything_again(project_dir: Path) -> None:
    everything = made(project_dir, SUD)
    forced = BuildOptions(campuses=("demo-sud",), documents=("handout",), force=True)
    assert made(project_dir, forced) == everything


def test_warnings_are_told_again_when_nothing_is_made(project_dir: Path) -> None:
    first = build(Project.at(project_dir), SUD)
    second = build(Project.at(project_dir), SUD)
    assert second.made == [] and first.warnings  # the demo's accent colours are pale
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]


@pytest.mark.slow  # two builds of six handouts
def test_any_executor_makes_the_same_bytes(project_dir: Path, tmp_path: Path) -> None:
    """The job runner takes a standard Executor (here threads; a cluster's in a school
    network): same files, same bytes as one process."""
    serial = tmp_path / "serial"
    build(Project.at(project_dir), BuildOptions(documents=("handout",), jobs=1,
                                                output_dir=serial))
    with ThreadPoolExecutor(2) as executor:
        build(Project.at(project_dir), HANDOUTS, executor=executor)
    files = sorted(p.relative_to(serial) for p in serial.rglob("*.docx"))
    assert len(files) == 6
    for relative in files:
        assert (serial / relative).read_bytes() == (project_dir / "build" / relative).read_bytes()


@pytest.mark.slow  # prints a one-pager twice
def test_a_template_going_through_all_roles_depends_on_all_of_them(project_dir: Path) -> None:
    """A template listing every role records it: the one-pager then depends on a role it
    does not compare."""
    one_pager = BuildOptions(campuses=("demo-nord",), languages=("fr",),
                             documents=("comparison",))
    pair = {"demo-nord/fr/comparison-pm-vs-po.pdf", "demo-nord/fr/comparison-pm-vs-po.docx"}
    made(project_dir, one_pager)
    manifest = json.loads((project_dir / "build" / MANIFEST_NAME).read_text())
    assert not any(read.startswith("view:") for entry in manifest["files"].values()
                   for read in entry["reads"])
    edit(project_dir, "templates/default/comparison.html", "</body>",
         "<p>{{ doc.roles | length }} roles</p></body>")
    assert made(project_dir, one_pager) == pair
    manifest = json.loads((project_dir / "build" / MANIFEST_NAME).read_text())
    assert "view:roles" in manifest["files"]["demo-nord/fr/comparison-pm-vs-po.pdf"]["reads"]


@pytest.mark.slow  # two builds
def test_a_failed_build_keeps_the_cache_of_the_good_one(project_dir: Path) -> None:
    made(project_dir, SUD)
    manifest = (project_dir / "build" / MANIFEST_NAME).read_bytes()
    edit(project_dir, "content/roles/po.yaml", "missions:", "missions: [oops")
    assert run_cli("build", "--project", str(project_dir), "--campus", "demo-sud",
                   "--doc", "handout").exit_code == 1
    assert (project_dir / "build" / MANIFEST_NAME).read_bytes() == manifest


@pytest.mark.parametrize("command", [
    ["--help"], ["validate"], pytest.param(["list"], marks=pytest.mark.slow),
    pytest.param(["i18n", "compile"], marks=pytest.mark.slow),
    pytest.param(["campus", "new", "lyon", "--name", "Lyon"], marks=pytest.mark.slow)])
def test_the_quick_commands_load_no_renderer(project_dir: Path, command: list[str]) -> None:
    script = ("import sys\nfrom generator.cli import main\n"
              f"try:\n    main({command!r}, prog_name='careerdocs')\n"
              "except SystemExit as end:\n    assert not end.code, end.code\n"
              "loaded = [m for m in ('weasyprint', 'docx', 'pikepdf', 'cairosvg') "
              "if m in sys.modules]\nassert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=project_dir,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_an_up_to_date_build_loads_no_renderer(demo_build: Path) -> None:
    script = ("import sys\nfrom generator.cli import main\n"
              f"try:\n    main(['build', '--out', {str(demo_build)!r}], prog_name='careerdocs')\n"
              "except SystemExit as end:\n    assert not end.code, end.code\n"
              "assert 'weasyprint' not in sys.modules and 'pydantic' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Done: 0 written, 96 already up to date." in result.stdout


@pytest.mark.slow  # two builds
def test_the_build_says_what_it_made_again_and_what_it_left(project_dir: Path) -> None:
    args = ("build", "--project", str(project_dir), "--campus", "demo-sud", "--doc", "handout")
    assert run_cli(*args).exit_code == 0
    forced = run_cli(*args, "--force").output
    assert "unchanged  " in forced and "(made again, identical to the one you had)" in forced
    assert "Done: 0 written, 2 already up to date (2 made again, identical to before)." in forced
    assert "Done: 0 written, 2 already up to date." in run_cli(*args).output


@pytest.mark.parametrize("error,said", [
    (RuntimeError("killed"), "a worker failed (RuntimeError: killed)"),
    (BrokenProcessPool("gone"), "stopped unexpectedly (the computer may have run out of "
                                "memory): try again with --jobs 1")])
def test_a_worker_that_dies_is_a_problem_naming_each_file(project_dir: Path,
                                                          error: Exception, said: str) -> None:
    """An executor whose worker dies (here: every job fails) leaves nothing published,
    and the message says what happened (what to try, for this machine's processes)."""
    from concurrent.futures import Executor, Future

    class Dying(Executor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            future: Future[object] = Future()
            future.set_exception(error)
            return future

    with pytest.raises(CareerdocsError) as raised:
        build(Project.at(project_dir), SUD, executor=Dying())
    report = raised.value.report()
    assert "demo-sud/fr/handout-po.docx" in report and "demo-sud/en/handout-po.docx" in report
    assert said in report, report
    assert not (project_dir / "build" / "demo-sud").exists()


def test_the_user_cache_keeps_the_newest_entries_only(tmp_path: Path) -> None:
    """Compiled templates are keyed by where a project is: copies of projects (every test
    makes some) must not fill the user's disk."""
    import os

    from generator.usercache import prune

    for age in range(5):
        entry = tmp_path / f"entry-{age}"
        entry.mkdir() if age % 2 else entry.write_text("x")
        os.utime(entry, (1_000_000 - age, 1_000_000 - age))
    prune(tmp_path, 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entry-0", "entry-1"]
