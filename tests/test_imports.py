"""Roles imported from open data (``careerdocs import``): one small download per
dataset, in its published structure (tests/opendata.py, test data), mapped onto a role
faithfully; a newer release over a school's edits; bad downloads refused in plain
words, nothing written."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from opendata import (
    ESCO_CODE,
    ESCO_URI,
    NEWER_SUMMARY,
    NEWER_TITLE,
    ONET_CODE,
    ONISEP_ID,
    ROME_CODE,
    esco_zip,
    newer_esco,
    newer_onet,
    newer_onisep,
    newer_rome,
    onet_zip,
    onisep_file,
    rome_zip,
)

from generator.load.yamlfile import read_yaml

from helpers import edit, lay_out_once, run_cli


def imported(project: Path, *args: str, code: int = 0) -> str:
    done = run_cli("import", "--project", str(project), *args)
    assert done.exit_code == code, done.output
    assert "Traceback" not in done.output
    return " ".join(done.output.split())


def role(project: Path, ident: str) -> dict[str, Any]:
    document, problems = read_yaml(project / f"content/roles/{ident}.yaml", ident)
    assert document is not None and not problems
    return document.data


def test_a_rome_role_has_the_dataset_s_words_its_code_and_its_source(project_dir: Path,
                                                                     tmp_path: Path) -> None:
    said = imported(project_dir, "rome", str(rome_zip(tmp_path)), "--code", ROME_CODE)
    assert said.startswith("wrote ") and "content/roles/rome-n9901.yaml" in said, said
    data = role(project_dir, "rome-n9901")
    assert data["title"] == {"fr": "Testeur / Testeuse de fiches"}
    # The definition's sentences in their order, one text; the access one item each.
    assert data["summary"] == {"fr": "Vérifie des fiches de test, une à une. Il les corrige, "
                                     "avec soin."}
    assert data["access"] == [{"fr": "Ce métier de test est accessible sans diplôme."},
                              {"fr": "Une expérience de la relecture est appréciée."}]
    assert data["also_known_as"] == [{"fr": "Vérificateur / Vérificatrice de fiches"}]
    assert data["skills"] == {"know_how": [{"fr": "Relire une fiche de test"},
                                           {"fr": "Classer des fiches par thème"}]}
    assert data["codes"] == {"rome": ROME_CODE}
    assert data["source"] == {"dataset": "rome", "title": "ROME 4.0 (Répertoire opérationnel "
                              "des métiers et des emplois)",
                              "version": "ROME 4.0 version 99 test data, 01/01/2027",
                              "licence": "Licence Ouverte", "record": ROME_CODE}
    text = (project_dir / "content/roles/rome-n9901.yaml").read_text()
    assert "# Not in the dataset, to write: short_title, hook, missions, education, " \
           "career_path." in text
    assert "# Languages the dataset lacks, to translate: en." in text
    assert "To write (not in the dataset): short_title, hook, missions, education, " \
           "career_path." in said


def test_where_a_job_leads_is_kept_for_the_roles_of_the_project(project_dir: Path,
                                                                tmp_path: Path) -> None:
    """ROME's moves between jobs, by their order: to a role of the project that has the
    target's code, the role leads (moves_on_to); to others, nothing is made up."""
    edit(project_dir, "content/roles/pm.yaml", "related_roles:", "codes:\n  rome: N9902\n"
         "related_roles:")
    imported(project_dir, "rome", str(rome_zip(tmp_path)), "--code", ROME_CODE)
    assert role(project_dir, "rome-n9901")["moves_on_to"] == ["pm"]


def test_an_onisep_role_has_its_html_as_the_project_s_markdown(project_dir: Path,
                                                               tmp_path: Path) -> None:
    imported(project_dir, "onisep", str(onisep_file(tmp_path)), "--code", ONISEP_ID,
             "--id", "testeur")
    data = role(project_dir, "testeur")
    assert data["title"] == {"fr": "testeur/euse de fiches"}
    assert data["hook"] == {"fr": "Il **vérifie** des fiches de test."}
    assert data["summary"] == {"fr": "Le testeur de fiches relit des fiches inventées."}
    assert data["missions"] == [{"fr": "Relire les fiches"}, {"fr": "Classer les fiches"}]
    assert data["skills"] == {"soft_skills": [{"fr": "Rigueur"}]}
    assert data["education"] == {"fr": "Accessible avec un [diplôme de test]"
                                       "(https://example.org/test)."}
    assert data["career_path"] == {"fr": "Il peut devenir archiviste de fiches."}
    assert data["access"] == [{"fr": "bac de test"}]
    assert data["also_known_as"] == [{"fr": "vérificateur/trice de fiches"},
                                     {"fr": "relecteur de test"}]
    assert data["codes"] == {"onisep_id": ONISEP_ID, "rome": "N9901"}
    assert data["source"]["version"] == "01/01/2027" and data["source"]["licence"] == "ODbL"


def test_an_esco_role_has_both_languages_and_its_skills_side_by_side(project_dir: Path,
                                                                    tmp_path: Path) -> None:
    imported(project_dir, "esco", str(esco_zip(tmp_path, "fr")), str(esco_zip(tmp_path, "en")),
             "--code", ESCO_CODE)
    data = role(project_dir, "esco-9999-1")
    assert data["title"] == {"fr": "testeur de fiches", "en": "record tester"}
    assert data["summary"]["en"] == "Record testers check invented records."
    # The same skill in each language (by its URI); knowledge and optional ones left out.
    assert data["skills"]["know_how"] == [{"fr": "relire des fiches", "en": "proofread records"},
                                          {"fr": "classer des fiches", "en": "file records"}]
    assert data["also_known_as"] == [{"fr": "vérificateur de fiches"},
                                     {"fr": "contrôleur de fiches"}]
    assert data["codes"] == {"esco_uri": ESCO_URI}
    assert data["source"]["version"] == "v1.2.1" and data["source"]["record"] == ESCO_CODE
    text = (project_dir / "content/roles/esco-9999-1.yaml").read_text()
    assert "Languages the dataset lacks" not in text


def test_an_onet_role_has_its_core_tasks_as_missions(project_dir: Path, tmp_path: Path) -> None:
    edit(project_dir, "content/roles/po.yaml", "related_roles:", "codes:\n  onet: 99-9902.00\n"
         "related_roles:")
    imported(project_dir, "onet", str(onet_zip(tmp_path)), "--code", ONET_CODE)
    data = role(project_dir, "onet-99-9901-00")
    assert data["title"] == {"en": "Record Testers"}
    assert data["summary"] == {"en": "Check invented records, one by one."}
    assert data["missions"] == [{"en": "Check each record for errors."},
                                {"en": "Report errors to the team."}]
    assert data["also_known_as"] == [{"en": "Record Checker"}]
    assert data["related_roles"] == ["po"]
    assert data["codes"] == {"onet": ONET_CODE} and data["source"]["version"] == "99.0"
    assert data["source"]["licence"] == "CC BY 4.0"


def test_a_newer_release_keeps_the_school_s_edits_and_lists_what_both_changed(
        project_dir: Path, tmp_path: Path) -> None:
    """First import; the school rewrites the summary and adds a hook; the new release
    changes the summary and the description's language: the school's summary stays and
    both texts are listed; the fields the school left are updated; its hook stays."""
    first = tmp_path / "first"
    first.mkdir()
    imported(project_dir, "onet", str(onet_zip(first)), "--code", ONET_CODE, "--id", "tester")
    path = project_dir / "content/roles/tester.yaml"
    edit(project_dir, "content/roles/tester.yaml", "en: Check invented records, one by one.",
         "en: Our testers check every record twice.")
    path.write_text(path.read_text() + "hook:\n  en: The school's own hook.\n")
    newer = tmp_path / "newer"
    newer.mkdir()
    changed = onet_zip(newer, description="Check invented records, with a new method.",
                       tasks=[[ONET_CODE, "1", "Check each record for errors.", "Core", "10",
                               "01/2028", "Incumbent"],
                              [ONET_CODE, "4", "Train new testers.", "Core", "10", "01/2028",
                               "Incumbent"]])
    said = imported(project_dir, "onet", str(changed), "--code", ONET_CODE, "--id", "tester")
    data = role(project_dir, "tester")
    assert data["summary"] == {"en": "Our testers check every record twice."}
    assert data["hook"] == {"en": "The school's own hook."}
    assert data["missions"] == [{"en": "Check each record for errors."},
                                {"en": "Train new testers."}]
    assert "both changed: summary.en: yours kept: «Our testers check every record twice.» / " \
           "the new release: «Check invented records, with a new method.»" in said, said
    assert "changed on both sides (yours kept): 1" in said, said


def test_a_role_the_school_wrote_is_never_overwritten(project_dir: Path, tmp_path: Path) -> None:
    before = (project_dir / "content/roles/po.yaml").read_bytes()
    said = imported(project_dir, "onet", str(onet_zip(tmp_path)), "--code", ONET_CODE,
                    "--id", "po", code=1)
    assert "was not made by careerdocs import" in said, said
    assert (project_dir / "content/roles/po.yaml").read_bytes() == before


def _cut(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _cp1252(folder: Path) -> Path:
    """An O*NET file opened and saved again by a spreadsheet, in Windows' encoding."""
    path = folder / "db_99_0_text"
    path.mkdir()
    for name in ("Occupation Data.txt",):
        (path / name).write_bytes("O*NET-SOC Code\tTitle\tDescription\n"
                                  f"{ONET_CODE}\tRécord Testers\tCheck.\n".encode("cp1252"))
    return path


def _renamed_column(folder: Path) -> Path:
    """An O*NET release whose occupations have no Description column (another release's)."""
    path = folder / "db_99_0_text"
    path.mkdir()
    (path / "Occupation Data.txt").write_text(f"O*NET-SOC Code\tTitle\tSummary\n"
                                              f"{ONET_CODE}\tRecord Testers\tCheck.\n")
    return path


@pytest.mark.parametrize("case", ["unknown code", "other dataset", "cut short", "encoding",
                                  "too large", "renamed column"])
def test_a_bad_download_is_said_in_plain_words_and_nothing_is_written(
        project_dir: Path, tmp_path: Path, case: str) -> None:
    before = sorted(p.name for p in (project_dir / "content/roles").iterdir())
    if case == "unknown code":
        args, said = ["rome", str(rome_zip(tmp_path)), "--code", "N9903"], \
            "has no ROME code N9903; did you mean "
    elif case == "other dataset":
        args, said = ["rome", str(onet_zip(tmp_path)), "--code", ROME_CODE], \
            "has no list of ROME codes (unix_referentiel_code_rome_v4*_utf8.csv): is it the " \
            "right download?"
    elif case == "cut short":
        args, said = ["rome", str(_cut(rome_zip(tmp_path))), "--code", ROME_CODE], \
            "is not a whole zip file"
    elif case == "encoding":
        args, said = ["onet", str(_cp1252(tmp_path)), "--code", ONET_CODE], \
            "Occupation Data.txt:2: is not UTF-8 text"
    elif case == "renamed column":
        args, said = ["onet", str(_renamed_column(tmp_path)), "--code", ONET_CODE], \
            "Occupation Data.txt:1: has no column Description: it is not the file this import reads"
    else:
        huge = tmp_path / "huge.zip"
        with huge.open("wb") as out:
            out.truncate(1_000_000_000)  # 1 GB, sparse: nothing is read
        args, said = ["onet", str(huge), "--code", ONET_CODE], "is larger than 300 MB"
    output = imported(project_dir, *args, code=1)
    assert said in output, output
    if case == "unknown code":
        assert "N9901 (Testeur / Testeuse de fiches)" in output, output
    assert sorted(p.name for p in (project_dir / "content/roles").iterdir()) == before
    assert not (project_dir / "content/imported").exists()


DOWNLOADS = {  # dataset → (a download made in a folder, its code, the role's id)
    "rome": (lambda folder, **k: rome_zip(folder, **k), ROME_CODE, "rome-n9901"),
    "onisep": (lambda folder, **k: onisep_file(folder, **k), ONISEP_ID, "onisep-met-9901"),
    "esco": (lambda folder, **k: esco_zip(folder, "fr", **k), ESCO_CODE, "esco-9999-1"),
    "onet": (lambda folder, **k: onet_zip(folder, **k), ONET_CODE, "onet-99-9901-00"),
}
CREDITS = {
    "rome": "Source : France Travail (ex-Pôle emploi), ROME 4.0 (Répertoire opérationnel des "
            "métiers et des emplois), ROME 4.0 version 99 test data, 01/01/2027, Licence "
            "Ouverte.",
    "onisep": "Idéo-Fiches métiers, Onisep, 01/01/2027, sous licence ODbL.",
    "esco": "This publication uses the ESCO classification of the European Commission.",
    "onet": "This publication includes information from the O*NET 99.0 Database by the U.S. "
            "Department of Labor, Employment and Training Administration (USDOL/ETA). Used "
            "under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
}


def _flat(text: str) -> str:
    """A PDF's text on one line: a word broken at its hyphen ("ex-⏎Pôle") joined again."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"([-/])\s+", r"\1", " ".join(text.split()))


def completed(project: Path, ident: str) -> None:
    """What the school writes in an imported role before printing it: the fields the
    dataset lacks (its words are left as they were imported)."""
    from ruamel.yaml import YAML

    path = project / f"content/roles/{ident}.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text())
    written = {"short_title": {"fr": "TF"}, "hook": {"fr": "Un métier de test."},
               "missions": [{"fr": "Tester des fiches."}],
               "education": {"fr": "Une formation de test."},
               "career_path": {"fr": "Il évolue vers d'autres tests."}}
    for name, value in written.items():
        data.setdefault(name, value)
    data.setdefault("skills", {}).setdefault("know_how", [{"fr": "Savoir tester."}])
    _translated(data)
    with path.open("w") as out:
        yaml.dump(data, out)


def _translated(value: Any) -> None:
    """Each text in both of the school's languages (the translator's work, here a copy)."""
    if isinstance(value, dict) and set(value) & {"fr", "en"} and set(value) <= {"fr", "en"}:
        value.setdefault("en", value.get("fr"))
        value.setdefault("fr", value.get("en"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("codes", "source"):
                _translated(item)
    elif isinstance(value, list):
        for item in value:
            _translated(item)


@pytest.mark.slow  # builds a guide, handouts and one-pagers
def test_imported_roles_print_the_credit_their_licence_asks_for(
        project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One role of each dataset, completed and translated by the school, in the demo's
    guide: the guide, each handout, the one-pager comparing two of them and the web page
    of each print the credit of its dataset; O*NET's says "has modified" (the school
    translated its words)."""
    lay_out_once(monkeypatch)
    for name, (download, code, _ident) in DOWNLOADS.items():
        folder = tmp_path / name
        folder.mkdir()
        imported(project_dir, name, str(download(folder)), "--code", code)
    for _download, _code, ident in DOWNLOADS.values():
        completed(project_dir, ident)
    idents = [ident for _download, _code, ident in DOWNLOADS.values()]
    edit(project_dir, "content/guides/pm-vs-po.yaml", "roles: [pm, po]",
         f"roles: [pm, po, {', '.join(idents)}]")
    done = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord", "--lang",
                   "fr", "--doc", "guide", "--doc", "handout", "--doc", "web")
    assert done.exit_code == 0, done.output
    compared = run_cli("compare", "rome-n9901", "onisep-met-9901", "--project",
                       str(project_dir), "--campus", "demo-nord", "--lang", "fr")
    assert compared.exit_code == 0, compared.output
    from test_languages import docx_text

    from pdfread import text_of

    folder = project_dir / "build/demo-nord/fr"
    guide = _flat(text_of(folder / "guide-pm-vs-po.pdf"))
    for name, (_download, _code, ident) in DOWNLOADS.items():
        assert CREDITS[name] in guide, (name, guide[-3000:])
        handout = " ".join(docx_text(folder / f"handout-{ident}.docx").split())
        assert CREDITS[name] in handout.replace("\u00a0", " "), name
        page = html.unescape((folder / f"site/role-{ident}.html").read_text())
        assert CREDITS[name] in _flat(page), name
    assert "HETIC has modified all or some of this information. USDOL/ETA has not approved, " \
           "endorsed, or tested these modifications." in guide
    onepager = next((folder / "compare").glob("*.pdf"))
    said = _flat(text_of(onepager))
    assert CREDITS["rome"] in said and CREDITS["onisep"] in said, said
    from docx import Document

    word = Document(str(onepager.with_suffix(".docx")))
    foot = _flat(" ".join(p.text for p in word.sections[0].footer.paragraphs))
    assert CREDITS["rome"] in foot and CREDITS["onisep"] in foot, foot


def test_o_net_s_words_are_modified_once_the_school_changes_or_adds_to_them() -> None:
    from generator.load.schema import RoleSource
    from generator.resolve.credits import credit, edited

    imported = {"title": {"en": "Record Testers"}, "missions": [{"en": "Check."}],
                "skills": {"know_how": [{"en": "Proofread."}]}, "codes": {"onet": ONET_CODE}}
    same = {**imported, "hook": {"en": "The school's own hook."}, "codes": {}}
    assert not edited(imported, same)
    assert edited(imported, {**imported, "title": {"en": "Record testers"}})
    assert edited(imported, {**imported, "missions": [{"en": "Check.", "fr": "Vérifier."}]})
    assert edited(imported, {**imported, "skills": {"know_how": []}})
    assert not edited(imported, {**imported, "skills": {"know_how": [{"en": "Proofread."}],
                                                        "soft_skills": [{"en": "Care."}]}})
    source = RoleSource(dataset="onet", title="O*NET Database", version="31.0",
                        licence="CC BY 4.0", record=ONET_CODE)
    assert credit(source, str, "HETIC", False) == CREDITS["onet"].replace("99.0", "31.0")
    assert credit(source, str, "HETIC", True).endswith(
        " HETIC has modified all or some of this information. USDOL/ETA has not approved, "
        "endorsed, or tested these modifications.")


NEWER = {"rome": newer_rome, "onisep": newer_onisep, "esco": newer_esco, "onet": newer_onet}


@pytest.mark.parametrize("dataset", sorted(DOWNLOADS))
def test_each_dataset_s_newer_release_keeps_edits_and_lists_conflicts(
        project_dir: Path, tmp_path: Path, dataset: str) -> None:
    """The school rewrites the summary and writes a hook of its own; the newer release
    changes the title and the summary: the title is updated, the school's summary and
    hook stay, and the summary is listed with both texts."""
    download, code, ident = DOWNLOADS[dataset]
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    imported(project_dir, dataset, str(download(tmp_path / "old")), "--code", code)
    path = project_dir / f"content/roles/{ident}.yaml"
    lang = "en" if dataset == "onet" else "fr"
    before = role(project_dir, ident)
    text = path.read_text().replace(before["summary"][lang], "Le résumé de l'école.", 1)
    own_hook = f"hook:\n  {lang}: L'accroche de l'école.\n"
    path.write_text(text + ("" if "hook:" in text else own_hook))
    hook = role(project_dir, ident)["hook"]
    said = imported(project_dir, dataset, str(NEWER[dataset](tmp_path / "new")), "--code", code)
    after = role(project_dir, ident)
    assert after["title"][lang] == before["title"][lang] + NEWER_TITLE
    assert after["summary"][lang] == "Le résumé de l'école."
    assert after["hook"] == hook
    assert f"both changed: summary.{lang}: yours kept: «Le résumé de l'école.» / the new " \
           f"release: «{NEWER_SUMMARY}»" in said, said
    assert "changed on both sides (yours kept): 1" in said, said


def test_the_languages_a_dataset_lacks_are_listed_for_translation(project_dir: Path,
                                                                  tmp_path: Path) -> None:
    """A ROME role (French only), its missing fields written in French: validate lists each
    English text to translate, by its line; with --allow-missing it goes ahead."""
    imported(project_dir, "rome", str(rome_zip(tmp_path)), "--code", ROME_CODE)
    from ruamel.yaml import YAML

    path = project_dir / "content/roles/rome-n9901.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text())
    for name, value in {"short_title": {"fr": "TF"}, "hook": {"fr": "Un métier de test."},
                        "missions": [{"fr": "Tester."}], "education": {"fr": "Aucune."},
                        "career_path": {"fr": "Vers d'autres tests."}}.items():
        data[name] = value
    with path.open("w") as out:
        yaml.dump(data, out)
    checked = run_cli("validate", "--project", str(project_dir))
    said = " ".join(checked.output.split())
    assert checked.exit_code == 1, said
    lines = path.read_text().splitlines()
    title = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))
    assert f"content/roles/rome-n9901.yaml:{title}:1: title: missing translation: English (en)" \
        in said, said
    assert said.count("missing translation: English (en)") >= 8, said
    tolerated = run_cli("validate", "--project", str(project_dir), "--allow-missing")
    assert tolerated.exit_code == 0, tolerated.output


def test_esco_by_its_uri_makes_a_short_id_and_a_long_id_is_refused(project_dir: Path,
                                                                   tmp_path: Path) -> None:
    imported(project_dir, "esco", str(esco_zip(tmp_path, "fr")), "--code", ESCO_URI)
    assert (project_dir / "content/roles/esco-9999-1.yaml").is_file()
    said = imported(project_dir, "esco", str(esco_zip(tmp_path, "fr")), "--code", ESCO_CODE,
                    "--id", "a" * 41, code=1)
    assert "cannot name a role file" in said and "40 characters at most" in said, said


def test_another_record_under_an_imported_id_is_refused(project_dir: Path,
                                                       tmp_path: Path) -> None:
    imported(project_dir, "rome", str(rome_zip(tmp_path)), "--code", ROME_CODE, "--id", "job")
    before = (project_dir / "content/roles/job.yaml").read_bytes()
    (tmp_path / "onet").mkdir()
    said = imported(project_dir, "onet", str(onet_zip(tmp_path / "onet")), "--code", ONET_CODE,
                    "--id", "job", code=1)
    assert f"was imported from rome {ROME_CODE}, not onet {ONET_CODE}: give another --id" \
        in said, said
    assert (project_dir / "content/roles/job.yaml").read_bytes() == before


def test_a_newer_release_keeps_the_school_s_codes_and_names_what_it_took_out(
        project_dir: Path, tmp_path: Path) -> None:
    """The school adds an ESCO code to an Onisep role; the next release has no working life
    text: the code stays, the text is taken out and named."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    imported(project_dir, "onisep", str(onisep_file(tmp_path / "old")), "--code", ONISEP_ID,
             "--id", "tester")
    edit(project_dir, "content/roles/tester.yaml", "  onisep_id: MET.9901",
         f"  onisep_id: MET.9901\n  esco_uri: {ESCO_URI}")
    newer = onisep_file(tmp_path / "new")
    newer.write_text(newer.read_text().replace(
        "<vie_professionnelle><![CDATA[<p>Il peut devenir archiviste de fiches.</p>]]>"
        "</vie_professionnelle>", ""))
    said = imported(project_dir, "onisep", str(newer), "--code", ONISEP_ID, "--id", "tester")
    data = role(project_dir, "tester")
    assert data["codes"] == {"onisep_id": ONISEP_ID, "esco_uri": ESCO_URI, "rome": ROME_CODE}
    assert "career_path" not in data
    assert "no longer in the new release, so taken out: career_path.fr" in said, said


def test_a_dataset_s_languages_the_school_does_not_publish_are_left_out(
        project_dir: Path, tmp_path: Path) -> None:
    edit(project_dir, "content/school.yaml", "languages: [fr, en]", "languages: [fr]")
    said = imported(project_dir, "onet", str(onet_zip(tmp_path)), "--code", ONET_CODE, code=1)
    assert "has no text in a language the school publishes in (fr)" in said, said
    imported(project_dir, "esco", str(esco_zip(tmp_path, "fr")), str(esco_zip(tmp_path, "en")),
             "--code", ESCO_CODE)
    assert role(project_dir, "esco-9999-1")["title"] == {"fr": "testeur de fiches"}


def test_a_release_whose_date_is_unknown_is_refused(project_dir: Path, tmp_path: Path) -> None:
    """The licences ask to print the date: an Onisep file renamed loses it."""
    renamed = tmp_path / "fiches.xml"
    onisep_file(tmp_path).rename(renamed)
    said = imported(project_dir, "onisep", str(renamed), "--code", ONISEP_ID, code=1)
    assert "does not say its date in its name" in said, said
