"""The templates' fixed words are all translated (extracted with Babel and compared)."""

from __future__ import annotations

from generator import Project
from generator.i18n import catalogue_problems, extract_messages, read_catalogue

from conftest import REPO


def extracted_ids() -> set[str]:
    found = extract_messages(Project.at(REPO))
    return {message for message, _, _, _ in found if isinstance(message, str)}


def test_extraction_finds_the_template_words() -> None:
    ids = extracted_ids()
    assert {"Missions", "Contents", "Key skills", "Vision"} <= ids


def test_french_catalogue_covers_every_word() -> None:
    catalogue, problems = read_catalogue(Project.at(REPO), "fr")
    assert catalogue is not None and not problems
    translated = {message.id for message in catalogue if message.id and message.string}
    assert extracted_ids() - translated == set()


def test_untranslated_entry_is_reported_with_its_line(project_dir) -> None:
    path = project_dir / "templates/locales/fr/LC_MESSAGES/messages.po"
    text = path.read_text()
    path.write_text(text.replace('msgstr "Compétences clés"', 'msgstr ""'))
    problems = catalogue_problems(Project.at(project_dir), "fr")
    line = text.splitlines().index('msgid "Key skills"') + 1
    assert [str(p) for p in problems] == [
        f'templates/locales/fr/LC_MESSAGES/messages.po:{line}: '
        'missing French (fr) translation of "Key skills"']


def test_message_template_is_up_to_date() -> None:
    from babel.messages.pofile import read_po

    with (REPO / "templates/locales/messages.pot").open("rb") as handle:
        template = {message.id for message in read_po(handle) if message.id}
    assert template == extracted_ids()


def test_english_catalogue_is_complete() -> None:
    assert catalogue_problems(Project.at(REPO), "en") == []


def test_i18n_commands_are_stable_and_work_with_broken_content(project_dir) -> None:
    from helpers import run_cli

    locales = project_dir / "templates/locales"
    before = {p: p.read_bytes() for p in sorted(locales.rglob("*.po*"))}
    (project_dir / "content/roles/po.yaml").write_text("hook: [broken\n")  # a translator's
    for command in ("extract", "update", "compile"):             # work does not wait for it
        result = run_cli("i18n", command, "--project", str(project_dir))
        assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in sorted(locales.rglob("*.po*"))} == before
    assert sorted(p.parent.name for p in locales.rglob("*.mo")) == ["LC_MESSAGES"] * 2
