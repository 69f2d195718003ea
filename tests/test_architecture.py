"""The house every document kind lives in: the registry, the output manifest, one
diagnostics object, and checks that run before anything is printed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from toy_kinds import POSTER_TEMPLATE, Poster, Squatter

from generator import Diagnostics, Kind, Problem, Project, build
from generator.documents import register, unregister
from generator.pipeline import BuildOptions
from generator.render import pdf

from helpers import build_fails, edit, line_of, run_cli, snapshot
from pdfread import page_texts, text_of

NORD = "content/campuses/demo-nord.yaml"


@pytest.fixture
def poster() -> Iterator[Poster]:
    kind = Poster()
    register(kind)
    yield kind
    unregister(kind.name)


def _print_posters(project: Path) -> None:
    (project / "templates/default/poster.html").write_text(POSTER_TEMPLATE)
    edit(project, NORD, "documents: [guide, handout, comparison, web]",
         "documents: [guide, handout, comparison, poster]")


def test_a_new_kind_builds_from_its_module_and_template(project_dir: Path, poster: Poster) -> None:
    _print_posters(project_dir)
    result = run_cli("build", "--project", str(project_dir), "--doc", "poster")
    assert result.exit_code == 0, result.output
    folder = project_dir / "build/demo-nord"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf")) == [
        "en/poster-pm.pdf", "en/poster-po.pdf", "fr/poster-pm.pdf", "fr/poster-po.pdf"]
    assert page_texts(folder / "fr/poster-po.pdf")[0].startswith("Product Owner")
    text = text_of(folder / "fr/poster-po.pdf").replace("\u00a0", " ").replace("\u202f", " ")
    assert "Le rôle clé des méthodologies agiles" in text
    missions = (project_dir / "content/roles/po.yaml").read_text().split("missions:")[1]
    count = missions.split("skills:")[0].count("  - fr:")
    assert f"Missions: {count}" in text  # the template's own colon, after the catalogue word
    listing = run_cli("list", "--project", str(project_dir)).output
    assert "poster               an A3 poster per role (PDF)" in listing
    assert "--doc [guide|handout|comparison|web|poster]" in run_cli("build", "--help").output


def test_a_kind_nobody_registered_is_a_content_error(project_dir: Path) -> None:
    _print_posters(project_dir)
    line = line_of(project_dir, NORD, "documents:")
    column = (project_dir / NORD).read_text().splitlines()[line - 1].index("poster") + 1
    result = run_cli("validate", "--project", str(project_dir))
    assert result.exit_code == 1
    assert (f"{NORD}:{line}:{column}: documents.4: unknown kind of document 'poster' "
            "(choose from: guide, handout, comparison, web)") in result.output


def test_two_kinds_claiming_one_file_is_a_problem_naming_both(built_project: Path) -> None:
    register(Squatter())
    try:
        edit(built_project, NORD, "documents: [guide, handout, comparison, web]",
             "documents: [guide, handout, comparison, squatter]")
        build_fails(built_project, "demo-nord/fr/guide-pm-vs-po.pdf: two documents would be "
                    "written to this one file: the guide 'pm-vs-po' (content/guides/pm-vs-po.yaml)"
                    " [guide], and the squatter's page [squatter]")
    finally:
        unregister("squatter")


@pytest.mark.slow  # several guides or one-pagers printed
def test_a_comparison_file_and_compare_never_write_the_same_file(project_dir: Path) -> None:
    """Regression: content/comparisons/custom-pm-po.yaml and `compare pm po` both wrote
    comparison-custom-pm-po.pdf."""
    source = (project_dir / "content/comparisons/pm-vs-po.yaml").read_text()
    (project_dir / "content/comparisons/custom-pm-po.yaml").write_text(source)
    edit(project_dir, "content/campuses/demo-sud.yaml", "comparisons: [pm-vs-po]",
         "comparisons: [pm-vs-po, custom-pm-po]")
    edit(project_dir, "content/campuses/demo-sud.yaml", "roles: [po]", "roles: [pm, po]")
    args = ("--project", str(project_dir), "--campus", "demo-sud", "--lang", "fr")
    assert run_cli("compare", "pm", "po", *args).exit_code == 0
    assert run_cli("build", *args, "--doc", "comparison").exit_code == 0
    folder = project_dir / "build/demo-sud/fr"
    curated, adhoc = folder / "comparison-custom-pm-po.pdf", folder / "compare/pm-po.pdf"
    assert "Vision" in text_of(curated) and "En une phrase" in text_of(adhoc)
    assert curated.read_bytes() != adhoc.read_bytes()
    before = snapshot(project_dir)
    assert run_cli("build", "--project", str(project_dir), "--doc", "comparison",
                   "--lang", "fr").exit_code == 0
    key = str(adhoc.relative_to(project_dir))
    assert snapshot(project_dir)[key] == before[key]  # never removed nor overwritten
    manifest = json.loads((project_dir / "build/.careerdocs-manifest.json").read_text())
    assert not any("/compare/" in path for path in manifest["files"])


def test_templates_are_checked_before_any_pdf_is_printed(built_project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Every PDF, guide or one-pager, is laid out by pdf.lay_out: count its calls.
    printed: list[str] = []
    real = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda *a, **k: printed.append("x") or real(*a, **k))
    edit(built_project, "templates/default/partials/back-cover.html", "{{", "{{ doc.nothing }}{{")
    build_fails(built_project, "templates/default/partials/back-cover.html:",
                "unknown name in template")
    assert printed == []


def test_diagnostics_sort_errors_and_warnings_by_kind() -> None:
    missing = Problem("content/roles/po.yaml", 4, 5, "missing translation: English (en)",
                      "hook", Kind.TRANSLATION, "the French (fr) text is printed instead")
    broken = Problem("content/roles/po.yaml", 9, 1, "field required", "summary")
    strict, lenient = Diagnostics(), Diagnostics(allow_missing=True)
    for diagnostics in (strict, lenient):
        diagnostics.extend([missing, broken])
    assert strict.errors == [missing, broken] and strict.warnings == []
    assert lenient.errors == [broken]
    assert [str(w) for w in lenient.warnings] == [
        "content/roles/po.yaml:4:5: hook: missing translation: English (en) "
        "(the French (fr) text is printed instead)"]
    assert lenient.tolerates([missing]) and not lenient.tolerates([missing, broken])


def test_i18n_update_without_a_word_list_says_what_to_do(project_dir: Path) -> None:
    (project_dir / "templates/locales/messages.pot").unlink()
    result = run_cli("i18n", "update", "--project", str(project_dir))
    assert result.exit_code == 1
    assert ("templates/locales/messages.pot: no list of words to translate yet: run "
            "careerdocs i18n extract first") in result.output


def test_i18n_extract_reports_a_template_it_cannot_read(project_dir: Path) -> None:
    edit(project_dir, "templates/default/partials/role.html", "{{ _('Missions') }}",
         "{{ _('Missions') }")
    line = line_of(project_dir, "templates/default/partials/role.html", "_('Missions') }<")
    pot = (project_dir / "templates/locales/messages.pot").read_bytes()
    result = run_cli("i18n", "extract", "--project", str(project_dir))
    assert result.exit_code == 1
    assert f"templates/default/partials/role.html:{line}: template syntax" in result.output
    assert (project_dir / "templates/locales/messages.pot").read_bytes() == pot


def test_library_build_reports_warnings_of_the_policy(project_dir: Path) -> None:
    edit(project_dir, "content/roles/po.yaml", "  en: >-\n    The key role of agile methods: "
         "they represent the interests of end users within a\n    development team.\n", "")
    options = BuildOptions(campuses=("demo-sud",), languages=("en",), documents=("handout",),
                           allow_missing=True)
    result = build(Project.at(project_dir), options)
    missing = [w for w in result.warnings if w.kind is Kind.TRANSLATION]
    assert len(missing) == 1 and "(the French (fr) text is printed instead)" in str(missing[0])
    assert {w.kind for w in result.warnings} == {Kind.TRANSLATION, Kind.COLOUR}


def test_i18n_update_refuses_what_is_not_a_language(project_dir: Path) -> None:
    locales = project_dir / "templates/locales"
    before = sorted(p.relative_to(locales) for p in locales.rglob("*"))
    result = run_cli("i18n", "update", "--project", str(project_dir), "--lang", "xx",
                     "--lang", "../x")
    assert result.exit_code == 1
    for code in ("xx", "../x"):
        assert f"'{code}' is not a language code: use a code such as fr, en or es" \
            in result.output
    assert sorted(p.relative_to(locales) for p in locales.rglob("*")) == before


def test_no_two_modules_import_each_other(tmp_path: Path) -> None:
    """No import cycle in generator/, lazy imports included; the check finds one."""
    from importgraph import cycles, import_graph

    assert cycles(import_graph(Path(__file__).parents[1] / "generator")) == []
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/word.py").write_text("from .kind import Fit\n")
    (tmp_path / "pkg/kind.py").write_text("def render():\n    from . import word\n")
    assert cycles(import_graph(tmp_path / "pkg")) == [["pkg.kind", "pkg.word", "pkg.kind"]]
