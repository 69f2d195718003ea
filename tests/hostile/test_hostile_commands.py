"""Hostile command lines: campus names that would break or inject YAML, unknown codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hostile import refused

from helpers import run_cli


@pytest.mark.parametrize("name", ["Campus\u2028roles: [pm]", "Campus\nroles: [pm]",
                                  "Campus\udcff", "Campus\x07", "   ", "x" * 81,
                                  "Campus\u202e", "Campus\u2029"])
def test_campus_names_that_are_refused(project_dir: Path, name: str) -> None:
    files = sorted(project_dir.rglob("*"))
    refused(project_dir, ["campus", "new", "lyon", "--name", name],
            "command line: give the campus a name of at most 80 letters")
    assert sorted(project_dir.rglob("*")) == files  # nothing created, nothing half-made


@pytest.mark.parametrize("name", ['Campus "Nord": roles: [pm]', "L'Isle # pas un commentaire",
                                  "- [pm]", "&anchor *alias", "Campus {de} Lyon, 2e"])
def test_campus_names_that_look_like_yaml_read_back_as_written(project_dir: Path,
                                                               name: str) -> None:
    result = run_cli("campus", "new", "lyon", "--name", name, "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((project_dir / "content/campuses/lyon.yaml").read_text())
    assert data["name"] == {"fr": name, "en": name} and "roles" not in data
    assert run_cli("validate", "--project", str(project_dir)).exit_code == 0


@pytest.mark.parametrize("ident", ["../evil", "Lyon", "a" * 41, "lyon/x", ""])
def test_campus_ids_that_are_refused(project_dir: Path, ident: str) -> None:
    refused(project_dir, ["campus", "new", ident, "--name", "Campus"],
            "the campus id becomes a file name")


def test_an_unknown_language_on_the_command_line(project_dir: Path) -> None:
    refused(project_dir, ["build", "--lang", "klingon"], "unknown language 'klingon' "
                                                         "(choose from: fr, en)")


@pytest.mark.slow  # three refused builds
@pytest.mark.parametrize("value", ["²", "65", "two"])
def test_a_number_of_jobs_that_is_not_one(built_project: Path, value: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, "²" (a digit to Python's isdigit) gave an internal error; now every value
    that is not a whole number from 1 to 64 is said, before anything is read or made."""
    monkeypatch.setenv("CAREERDOCS_JOBS", value)
    (built_project / "content/roles/po.yaml").write_text(
        (built_project / "content/roles/po.yaml").read_text() + "\n# changed\n")
    output = refused(built_project, ["build", "--campus", "demo-nord"],
                     "CAREERDOCS_JOBS:", "is not a number of documents to make at once",
                     "from 1 to 64")
    assert "Making documents" not in output


@pytest.mark.slow  # a build
def test_a_number_of_jobs_with_spaces_is_read(built_project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERDOCS_JOBS", " 1 ")
    result = run_cli("build", "--campus", "demo-nord", "--lang", "fr", "--doc", "handout",
                     "--project", str(built_project), "--force")
    assert result.exit_code == 0, result.output
    assert "Making documents" in result.output, result.output
