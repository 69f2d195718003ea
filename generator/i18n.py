"""The templates' fixed words ("Missions", "Contents"…) in each language, via gettext.

Catalogues are Babel ``.po`` files at ``templates/locales/<lang>/LC_MESSAGES/messages.po``;
message ids are the English words. They are compiled in memory at build time, so
no ``.mo`` file is ever committed or left stale.
"""

from __future__ import annotations

from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from .errors import Problem
from .project import Project
from .schema import language_name

SOURCE_LANGUAGE = "en"  # message ids are written in English


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def catalogue_path(project: Project, lang: str) -> Path:
    return project.templates_dir / "locales" / lang / "LC_MESSAGES" / "messages.po"


def read_catalogue(project: Project, lang: str) -> tuple[Catalog | None, list[Problem]]:
    """The catalogue of ``lang``, or None with the problems that prevent reading it."""
    path = catalogue_path(project, lang)
    display = project.display(path)
    if not path.is_file():
        if lang == SOURCE_LANGUAGE:
            return None, []
        return None, [Problem(display, None, None,
                              f"no translation catalogue for {language_name(lang)}: create it "
                              "(copy the French one and translate every msgstr)")]
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True), []
    except (PoFileError, ValueError) as error:
        return None, [Problem(display, None, None, f"cannot read the catalogue: {error}")]


def catalogue_problems(project: Project, lang: str) -> list[Problem]:
    """Untranslated or unreadable entries of one language's catalogue."""
    catalogue, problems = read_catalogue(project, lang)
    if catalogue is None or lang == SOURCE_LANGUAGE:
        return problems
    display = project.display(catalogue_path(project, lang))
    for message in catalogue:
        if message.id and (not message.string or message.fuzzy):
            problems.append(Problem(display, message.lineno, None,
                                    f'missing {language_name(lang)} translation of "{message.id}"'))
    return problems


def load_translations(project: Project, lang: str) -> NullTranslations:
    """gettext translations for ``lang``, compiled in memory from its ``.po`` file."""
    catalogue, _ = read_catalogue(project, lang)
    if catalogue is None:
        return NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)
