"""Bad input gives exit 1, every problem at ``file:line:col``, and leaves good output alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import NORD_GUIDE, build_fails, edit, line_of, run_cli, snapshot


def test_malformed_yaml(built_project: Path) -> None:
    edit(built_project, "content/roles/po.yaml", "short_title:\n", "short_title: [unclosed\n")
    build_fails(built_project, "content/roles/po.yaml:", "YAML syntax")


def test_duplicate_key(built_project: Path) -> None:
    edit(built_project, "content/roles/pm.yaml", "hook:\n", "hook:\n  fr: a\n  en: b\nhook:\n")
    line = line_of(built_project, "content/roles/pm.yaml", "hook:") + 3
    build_fails(built_project, f"content/roles/pm.yaml:{line}:1: hook: duplicate key 'hook'")


def test_yaml_alias_refused(built_project: Path) -> None:
    edit(built_project, "content/roles/pm.yaml", "short_title:\n", "short_title: &t\n")
    edit(built_project, "content/roles/pm.yaml", "related_roles: [po]", "related_roles: *t")
    build_fails(built_project, "content/roles/pm.yaml:", "aliases (*name) are not allowed")


def test_missing_required_field(built_project: Path) -> None:
    edit(built_project, "content/roles/po.yaml", "hook:", "hooook:")
    line = line_of(built_project, "content/roles/po.yaml", "hooook:")
    build_fails(built_project,
                "content/roles/po.yaml:3:1: hook: field required",
                f"content/roles/po.yaml:{line}:1: hooook: unknown field")


def test_missing_translation_names_item_and_language(built_project: Path) -> None:
    edit(built_project, "content/roles/po.yaml",
         "    en: Work closely with the development teams.\n", "")
    line = line_of(built_project, "content/roles/po.yaml", "Collaborer étroitement")
    build_fails(built_project,
                f"content/roles/po.yaml:{line}:5: missions.3: missing translation: English (en)")


def test_unknown_role_in_comparison(built_project: Path) -> None:
    edit(built_project, "content/comparisons/pm-vs-po.yaml", "roles: [pm, po]", "roles: [pm, pmo]")
    line = line_of(built_project, "content/comparisons/pm-vs-po.yaml", "roles: [pm, pmo]")
    build_fails(built_project,
                f"content/comparisons/pm-vs-po.yaml:{line}:",
                "roles.2: unknown role 'pmo' (known: pm, po)")


def test_unknown_role_in_a_career_move(built_project: Path) -> None:
    edit(built_project, "content/roles/po.yaml", "moves_on_to: [pm]", "moves_on_to: [pm, cpo]")
    line = line_of(built_project, "content/roles/po.yaml", "moves_on_to: [pm, cpo]")
    build_fails(built_project, f"content/roles/po.yaml:{line}:",
                "moves_on_to.2: unknown role 'cpo' (known: pm, po)")


def test_wrong_type(built_project: Path) -> None:
    edit(built_project, "content/campuses/demo-nord.yaml", "fictional: true", "fictional: maybe")
    edit(built_project, "content/campuses/demo-nord.yaml", "[2027-01-16", "[2027-16-01")
    build_fails(built_project,
                "content/campuses/demo-nord.yaml:6:12: fictional: must be true or false",
                "open_days.1: must be a date written YYYY-MM-DD")


def test_no_and_leading_zero_stay_text(built_project: Path) -> None:
    """``NO`` and ``010`` are text, not a boolean or a number: no silent conversion."""
    edit(built_project, "content/roles/pm.yaml", "  fr: PM\n", "  fr: NO\n")
    edit(built_project, "content/roles/pm.yaml", "  en: PM\n", "  en: 010\n")
    result = run_cli("validate", "--project", str(built_project))
    assert result.exit_code == 0, result.output
    from generator import Diagnostics, Project
    from generator.pipeline import load_checked
    role = load_checked(Project.at(built_project), Diagnostics()).roles["pm"]
    assert role.short_title == {"fr": "NO", "en": "010"}


def test_every_problem_is_listed_at_once(built_project: Path) -> None:
    edit(built_project, "content/roles/pm.yaml", "summary:", "sumary:")
    edit(built_project, "content/roles/po.yaml", "career_path:", "carreer_path:")
    edit(built_project, "content/campuses/demo-sud.yaml", '"#2a6f4e"', "green")
    output = build_fails(built_project, "content/roles/pm.yaml", "content/roles/po.yaml",
                         "primary: must be a colour written #rrggbb")
    assert "5 problems found" in output  # no knock-on "unknown role" for the broken files


def test_missing_logo(built_project: Path) -> None:
    (built_project / "content/images/demo-sud.svg").unlink()
    build_fails(built_project,
                "content/campuses/demo-sud.yaml:16:9: brand.logo: logo file not found")


def test_broken_logo_is_a_content_error(built_project: Path) -> None:
    (built_project / "content/images/demo-nord.svg").write_text("this is not an image")
    build_fails(built_project,
                "content/campuses/demo-nord.yaml:17:9: brand.logo: the logo is not a readable")


def test_broken_image_in_a_template_fails_the_build(built_project: Path) -> None:
    (built_project / "content/images/photo.png").write_bytes(b"not a png")
    edit(built_project, "templates/default/partials/campus.html", "<h1>",
         '<img src="content/images/photo.png"><h1>')
    build_fails(built_project, "PDF printer (", "photo.png", narrow=NORD_GUIDE)


def test_template_syntax_error_names_file_and_line(built_project: Path) -> None:
    edit(built_project, "templates/default/partials/role.html",
         "<h2>{{ _('Missions') }}</h2>", "<h2>{{ _('Missions') }</h2>")
    line = line_of(built_project, "templates/default/partials/role.html", "_('Missions') }<")
    build_fails(built_project, f"templates/default/partials/role.html:{line}: template syntax")


def test_template_unknown_variable_names_file_and_line(built_project: Path) -> None:
    edit(built_project, "templates/default/partials/campus.html",
         "{{ doc.campus.name }}", "{{ doc.campus.nmae }}")
    line = line_of(built_project, "templates/default/partials/campus.html", "doc.campus.nmae")
    build_fails(built_project,
                f"templates/default/partials/campus.html:{line}: unknown name in template",
                "nmae")


def test_control_character_in_text(built_project: Path) -> None:
    edit(built_project, "content/school.yaml", "name: HETIC", 'name: "HE\\x07TIC"')
    build_fails(built_project, "content/school.yaml:4:7: name: contains an invisible control")


@pytest.mark.parametrize("option,value", [("--campus", "lyon"), ("--lang", "de"),
                                          ("--role", "cto")])
def test_unknown_names_on_the_command_line(built_project: Path, option: str, value: str) -> None:
    result = run_cli("build", "--project", str(built_project), option, value)
    assert result.exit_code == 1
    assert f"'{value}'" in result.output and "choose from" in result.output


def test_unknown_kind_of_document_lists_the_kinds(built_project: Path) -> None:
    result = run_cli("build", "--project", str(built_project), "--doc", "poster")
    assert result.exit_code == 2  # a usage error, as Click reports them
    assert "'poster' is not one of 'guide', 'handout', 'comparison'" in result.output


def test_bad_file_name_becomes_no_path(built_project: Path) -> None:
    source = built_project / "content/roles/po.yaml"
    (built_project / "content/roles/Product Owner.yaml").write_text(source.read_text())
    build_fails(built_project, "content/roles/Product Owner.yaml: the file name is used as an id")


def test_validate_reports_the_same_and_writes_nothing(built_project: Path) -> None:
    edit(built_project, "content/roles/po.yaml", "hook:", "hooook:")
    before = snapshot(built_project)
    result = run_cli("validate", "--project", str(built_project))
    assert result.exit_code == 1
    assert "content/roles/po.yaml:3:1: hook: field required" in result.output
    assert snapshot(built_project) == before


def test_broken_reference_docx(built_project: Path) -> None:
    (built_project / "templates/default/reference.docx").write_text("not a Word file")
    build_fails(built_project, "templates/default/reference.docx: cannot open this Word "
                "reference document")
