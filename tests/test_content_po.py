"""Translators in their own tools: the content's texts exported as a PO file, edited
with a PO library (as Poedit or Weblate would), imported back into the YAML files with
every comment, the order and the layout kept; a source changed since is marked fuzzy."""

from __future__ import annotations

import re
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from generator.load.yamlfile import read_yaml
from generator.project import Project
from generator.translation.texts import content_texts

from helpers import edit, lay_out_once, line_of, run_cli
from pdfread import text_of

PO_ROLE = "content/roles/po.yaml"
NEW = {"roles/po.yaml missions.1": "Build and look after the product backlog, day by day.",
       "roles/pm.yaml title": "Product Manager (digital)",
       "campuses/demo-nord.yaml name": "North Demo Campus",
       "comparisons/pm-vs-po.yaml dimensions.1.values.po":
           "Turns the product vision into a backlog the team can deliver."}


def exported(project: Path, lang: str = "en") -> Catalog:
    done = run_cli("i18n", "content", "export", "--lang", lang, "--project", str(project))
    assert done.exit_code == 0, done.output
    return read_po(BytesIO((project / f"build/translations/content-{lang}.po").read_bytes()))


def written(project: Path, catalogue: Catalog, name: str = "edited.po") -> Path:
    path = project / name
    with path.open("wb") as out:
        write_po(out, catalogue)
    return path


def imported(project: Path, po: Path, code: int = 0) -> str:
    done = run_cli("i18n", "content", "import", str(po), "--project", str(project))
    assert done.exit_code == code, done.output
    return done.output


def yaml_files(project: Path) -> dict[str, str]:
    return {str(path.relative_to(project)): path.read_text(encoding="utf-8")
            for path in sorted((project / "content").rglob("*.yaml"))}


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")
            or " # " in line]


def test_every_text_of_the_content_is_exported_as_it_stands(project_dir: Path) -> None:
    """One entry per text of content/: its file and path as context, the French as msgid,
    the English as msgstr, its file and line as a comment; the same bytes each time."""
    catalogue = exported(project_dir)
    texts, problems = content_texts(Project.at(project_dir), ["fr", "en"])
    assert not problems and len(texts) > 60
    entries = {message.context: message for message in catalogue if message.id}
    assert set(entries) == {text.context for text in texts}
    for text in texts:
        message = entries[text.context]
        assert (message.id, message.string) == (text.words["fr"], text.words["en"])
        assert message.locations == [(f"content/{text.file}", text.line)]
        assert not message.fuzzy
    mission = entries["roles/po.yaml missions.1"]
    assert mission.locations == [(PO_ROLE, line_of(project_dir, PO_ROLE, "- fr: Créer"))]
    first = (project_dir / "build/translations/content-en.po").read_bytes()
    # "{lang=en}" and "50 %" are words: no PO tool may hold translations to a format.
    assert b"python-format" not in first and b"python-brace-format" not in first
    exported(project_dir)
    assert (project_dir / "build/translations/content-en.po").read_bytes() == first
    assert str(catalogue.locale) == "en"


def test_translations_come_back_with_every_comment_and_line_in_place(project_dir: Path
                                                                      ) -> None:
    """Four translations changed: only their lines change in the YAML files; every comment
    stays; files with no change are byte-identical; the record notes what each
    translation was made from."""
    before = yaml_files(project_dir)
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context in NEW:
            message.string = NEW[message.context]
    said = imported(project_dir, written(project_dir, catalogue))
    assert "Done: 4 translations brought in, " in said, said
    after = yaml_files(project_dir)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"content/roles/po.yaml", "content/roles/pm.yaml",
                       "content/campuses/demo-nord.yaml", "content/comparisons/pm-vs-po.yaml"}
    for name in changed:
        old, new = before[name].splitlines(), after[name].splitlines()
        assert comments(before[name]) == comments(after[name]), name
        assert len(old) == len(new), name  # one line for another
        differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        assert len(differ) == 1 and differ[0][1].lstrip().startswith("en:"), differ
        assert any(words in differ[0][1] for words in NEW.values()), differ
    done = run_cli("validate", "--project", str(project_dir))
    assert done.exit_code == 0 and "out of date" not in done.output, done.output
    record = (project_dir / "content/translations.yaml").read_text()
    assert "Créer et gérer le [backlog]{lang=en} produit." in record


def test_a_changed_source_makes_its_translation_fuzzy(project_dir: Path) -> None:
    """After an import, the French of a mission changes: the next export marks it fuzzy
    with the previous French; validate warns at its line; status counts it; a new
    translation brought in clears it."""
    catalogue = exported(project_dir)
    imported(project_dir, written(project_dir, catalogue))
    edit(project_dir, PO_ROLE, "- fr: Créer et gérer le", "- fr: Créer, tenir et trier le")
    again = {message.context: message for message in exported(project_dir) if message.id}
    mission = again["roles/po.yaml missions.1"]
    po_text = (project_dir / "build/translations/content-en.po").read_text()
    assert mission.fuzzy and ('#, fuzzy\n#| msgid "Créer et gérer le [backlog]{lang=en} '
                              'produit."\nmsgctxt "roles/po.yaml missions.1"') in po_text
    assert [context for context, message in again.items() if message.fuzzy] == [
        "roles/po.yaml missions.1"]
    line = line_of(project_dir, PO_ROLE, "en: Create and manage the product backlog.")
    checked = run_cli("validate", "--project", str(project_dir))
    assert checked.exit_code == 0, checked.output
    assert (f"{PO_ROLE}:{line}:9: missions.1.en: the English (en) translation may be out of "
            "date: the French (fr) text changed since it was translated") in \
        " ".join(checked.output.split()), checked.output
    status = run_cli("i18n", "status", "--project", str(project_dir)).output
    assert re.search(r"en\s+content/roles/po.yaml\s+\d+ translated, 1 out of date, 0 missing",
                     status), status
    mission.string, mission.flags = "Create, keep and sort the product backlog.", set()
    imported(project_dir, written(project_dir, Catalog(locale="en", fuzzy=False), "empty.po"))
    whole = exported(project_dir)
    for message in whole:
        if message.context == "roles/po.yaml missions.1":
            message.string, message.flags = mission.string, set()
    imported(project_dir, written(project_dir, whole))
    assert "out of date" not in run_cli("validate", "--project", str(project_dir)).output


def test_fuzzy_and_empty_entries_are_left_as_they_were(project_dir: Path) -> None:
    before = yaml_files(project_dir)
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context == "roles/po.yaml missions.1":
            message.string, message.flags = "A guess, not checked yet.", {"fuzzy"}
        if message.context == "roles/po.yaml missions.2":
            message.string = ""
    said = imported(project_dir, written(project_dir, catalogue))
    assert "1 empty left as they were, 1 fuzzy left as they were" in said, said
    after = yaml_files(project_dir)
    after.pop("content/translations.yaml")  # the others, confirmed as they stand
    assert after == before


BAD_ENTRIES = {
    "roles/po.yaml links.1.label": None,  # filled below when the demo has one
    "roles/po.yaml missions.1": "Build and \x07look after the backlog.",
    "roles/pm.yaml title": "A title far too long for the headings and the table heads of the "
                           "guide, the handout and the one-pager",
    "comparisons/pm-vs-po.yaml dimensions.1.values.po": "[Backlog]{lang=de} owner.",
}


def test_bad_translations_are_refused_with_their_lines_and_nothing_is_written(
        project_dir: Path) -> None:
    """A control character, a title over its limit, a link dropped, a mark of another
    language dropped, an entry no text has any more, a source changed since the export:
    every one at once, at its line of the PO file; no YAML file changes."""
    edit(project_dir, PO_ROLE, "- fr: Définir et prioriser",
         "- fr: Lire [le guide](https://example.org/guide) et prioriser")
    edit(project_dir, PO_ROLE, "- fr: Le [backlog]{lang=en} produit,",
         "- fr: Le [backlog]{lang=en} produit, dit [Produktbacklog]{lang=de},")
    edit(project_dir, PO_ROLE, "en: Define and prioritise",
         "en: Read [the guide](https://example.org/guide) and prioritise")
    catalogue = exported(project_dir)
    wanted = {
        "roles/po.yaml missions.1": ("Créer", "Build and \x07look after the backlog.",
                                     "contains an invisible control character (code U+0007)"),
        "roles/po.yaml missions.2": ("", "Read the guide and prioritise the features.",
                                     "the link to https://example.org/guide of the source is "
                                     "missing or changed"),
        "roles/pm.yaml title": ("", "A title far too long for the headings and the table "
                                "heads of the guide, the handout and the one-pager", "at most 80"),
        "roles/po.yaml working_methods.2": ("", "The product backlog, made and ranked by the PO.",
                                            "the source marks words as de"),
    }
    for message in catalogue:
        if message.context in wanted:
            message.string = wanted[message.context][1]
    catalogue.add("Un texte disparu.", "A text gone.", context="roles/po.yaml missions.9")
    catalogue.add("Ancien texte.", "Old words.", context="roles/po.yaml hook")
    po = written(project_dir, catalogue)
    lines = po.read_text().splitlines()
    before = yaml_files(project_dir)
    said = " ".join(imported(project_dir, po, code=1).split())
    assert "Traceback" not in said
    for context, (_source, _words, reason) in wanted.items():
        line = _entry_line(lines, context)
        assert f"{po}:{line}: {context}: " in said and reason in said, (context, said)
    assert f"{po}:{_entry_line(lines, 'roles/po.yaml missions.9')}: roles/po.yaml missions.9:" \
           " no text of the content has this name any more" in said, said
    assert "roles/po.yaml hook: the French (fr) text changed since this file was exported" \
        in said, said
    assert yaml_files(project_dir) == before
    assert not (project_dir / "content/translations.yaml").exists()


def _entry_line(lines: list[str], context: str) -> int:
    """The line of the entry ``context`` in a PO file, as Babel counts it: its msgid."""
    at = lines.index(f'msgctxt "{context}"')
    return next(number for number, line in enumerate(lines[at:], at + 1)
                if line.startswith("msgid"))


@pytest.mark.parametrize("broken, reason", [
    ('msgid "x"\nmsgstr y\n', ":5: not a valid PO file"),
    ('msgid "x"\nmsgstr "y\n', ":5: not a valid PO file"),
    ('msgid "x"\nmsgstr "y\\"\n', ":5: not a valid PO file"),
    ('msgid "x"\nmsgstr "y"\n', ":4: this entry has no msgctxt"),
    ("\xff\xfe", "not a PO file in UTF-8"),
])
def test_a_po_file_that_cannot_be_read_is_refused_by_its_line(project_dir: Path, broken: str,
                                                             reason: str) -> None:
    po = project_dir / "broken.po"
    po.write_bytes(b'msgid ""\nmsgstr "Language: en\\n"\n\n' + broken.encode("latin-1"))
    before = yaml_files(project_dir)
    said = imported(project_dir, po, code=1)
    assert f"{po}" in said and reason in said and "Traceback" not in said, said
    assert yaml_files(project_dir) == before


def test_a_po_file_of_another_language_is_refused(project_dir: Path) -> None:
    catalogue = exported(project_dir)
    catalogue.locale = "de"  # type: ignore[assignment]
    said = imported(project_dir, written(project_dir, catalogue), code=1)
    assert "a file of 'de': the school does not publish in 'de'" in said, said


def test_a_file_laid_out_otherwise_keeps_its_layout(project_dir: Path) -> None:
    """A role file whose lists are not indented under their key: written back in that
    layout, the line of the new translation the only one changed."""
    from ruamel.yaml import YAML

    path = project_dir / PO_ROLE
    yaml = YAML()
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    out = StringIO()
    yaml.dump(yaml.load(path.read_text()), out)
    flat = out.getvalue()
    assert re.search(r"^- fr: Créer", flat, flags=re.MULTILINE)  # a list flush with its key
    path.write_text(flat)
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context == "roles/po.yaml missions.1":
            message.string = NEW["roles/po.yaml missions.1"]
    imported(project_dir, written(project_dir, catalogue))
    old, new = flat.splitlines(), path.read_text().splitlines()
    differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert differ == [("  en: Create and manage the product backlog.",
                       f"  en: {NEW['roles/po.yaml missions.1']}")], differ
    document, problems = read_yaml(path, "role")
    assert not problems and document is not None
    assert document.data["missions"][0]["en"] == NEW["roles/po.yaml missions.1"]


def test_a_missing_language_goes_below_its_text_not_below_the_next_comment(
        project_dir: Path) -> None:
    """The guide's subtitle has no English yet and a comment heads the field after it: the
    English goes right after the French, the comment stays above its field."""
    path = project_dir / "content/guides/pm-vs-po.yaml"
    text = path.read_text()
    english = "  en: >-\n    Two recent digital careers, often confused, yet complementary.\n"
    assert english in text
    path.write_text(text.replace(english, "", 1))
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context == "guides/pm-vs-po.yaml subtitle":
            message.string = "Two recent digital careers, often confused, yet complementary."
    imported(project_dir, written(project_dir, catalogue), code=0)
    assert path.read_text() == text


def test_a_file_that_cannot_be_written_back_exactly_is_named(project_dir: Path) -> None:
    """Lists flush with their keys but texts indented deeper than YAML writers put them:
    no writer gives that file back as it is, so careerdocs says so, and writes nothing."""
    path = project_dir / PO_ROLE
    odd = re.sub(r"^(\s*)  - ", r"\1- ", path.read_text(), flags=re.MULTILINE)
    odd = re.sub(r"^(\s*)    (en|fr):", r"\1  \2:", odd, flags=re.MULTILINE)
    path.write_text(odd)
    before = yaml_files(project_dir)
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context == "roles/po.yaml missions.1":
            message.string = NEW["roles/po.yaml missions.1"]
    said = " ".join(imported(project_dir, written(project_dir, catalogue), code=1).split())
    assert f"{PO_ROLE}: cannot take the translations of " in said, said
    assert "its layout is not one careerdocs can write back exactly" in said, said
    assert yaml_files(project_dir) == before


def test_what_translators_tools_and_windows_write_is_taken(project_dir: Path) -> None:
    """A role file saved with CRLF line ends and a byte order mark is written back so; a PO
    file with msgmerge's obsolete "#~|" lines and a translation ending with spaces is
    read; an untouched entry whose French changed since is left, neither refused nor
    confirmed; a damaged record only warns."""
    path = project_dir / PO_ROLE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    catalogue = exported(project_dir)
    path.write_bytes(path.read_bytes().replace("Définir et prioriser".encode(),
                                               "Définir, trier et prioriser".encode()))
    before = path.read_bytes()
    for message in catalogue:
        if message.context == "roles/po.yaml missions.1":
            message.string = "Build and look after the product backlog, day by day, with " \
                             "the team and for the users.   "
    po = written(project_dir, catalogue)
    po.write_text(po.read_text() + '\n#~| msgid "Ancien"\n#~ msgid "Ancien"\n#~ msgstr "Old"\n')
    (project_dir / "content/translations.yaml").write_text("<<<<<<< HEAD\nen: {}\n")
    said = imported(project_dir, po)
    assert "content/translations.yaml: cannot be read" in said, said
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == before.count(b"\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert "en: Build and look after the product backlog, day by day, with the team and " \
           "for the users.\r\n" in after.decode("utf-8-sig")
    record = (project_dir / "content/translations.yaml").read_text()
    assert "roles/po.yaml missions.1:" in record and "roles/po.yaml missions.2:" not in record


def test_a_yml_file_is_translated_too(project_dir: Path) -> None:
    roles = project_dir / "content/roles"
    (roles / "po.yaml").rename(roles / "po.yml")
    entries = {message.context for message in exported(project_dir) if message.id}
    assert "roles/po.yml missions.1" in entries


def test_a_line_break_a_translator_typed_is_refused(project_dir: Path) -> None:
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context == "roles/po.yaml missions.1":
            message.string = "Build the backlog.\rAnd more."
    said = imported(project_dir, written(project_dir, catalogue), code=1)
    assert "contains an invisible control character (code U+000D)" in said, said


@pytest.mark.slow  # builds a guide and handouts
def test_the_new_translations_are_printed(project_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)
    catalogue = exported(project_dir)
    for message in catalogue:
        if message.context in NEW:
            message.string = NEW[message.context]
    imported(project_dir, written(project_dir, catalogue))
    done = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord", "--lang",
                   "en", "--doc", "guide", "--doc", "handout")
    assert done.exit_code == 0, done.output
    from test_languages import docx_text

    folder = project_dir / "build/demo-nord/en"
    guide = " ".join(text_of(folder / "guide-pm-vs-po.pdf").split())
    for words in (NEW["roles/po.yaml missions.1"], "Product Manager (digital)",
                  "North Demo Campus"):
        assert words in guide, words
    handout = " ".join(docx_text(folder / "handout-po.docx").split())
    assert NEW["roles/po.yaml missions.1"] in handout
