"""The templates' fixed words ("Missions", "Contents"…) in each language, via gettext.

Catalogues are Babel ``.po`` files at ``templates/locales/<lang>/LC_MESSAGES/messages.po``;
message ids are the English words. They are compiled in memory at build time, so
no ``.mo`` file is ever committed or left stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import Translations

from .errors import CareerdocsError, Problem
from .project import Project
from .schema import language_name
from .typography import typographer

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
        return None, [Problem(display, None, None,
                              f"no translation catalogue for {language_name(lang)}: create it "
                              f"with: careerdocs i18n update, then translate every msgstr")]
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True), []
    except (PoFileError, ValueError) as error:
        return None, [Problem(display, None, None, f"cannot read the catalogue: {error}")]


def catalogue_problems(project: Project, lang: str) -> list[Problem]:
    """Untranslated or unreadable entries of one language's catalogue."""
    catalogue, problems = read_catalogue(project, lang)
    if catalogue is None:
        return problems
    display = project.display(catalogue_path(project, lang))
    for message in catalogue:
        if message.id and (not message.string or message.fuzzy):
            problems.append(Problem(display, message.lineno, None,
                                    f'missing {language_name(lang)} translation of "{message.id}"'))
    return problems


class TypographicTranslations(NullTranslations):
    """Translations whose every result follows the language's typography, so translators
    type plain spaces and straight quotes ("Pourquoi ce guide ?")."""

    def __init__(self, inner: NullTranslations, lang: str):
        super().__init__()
        self.inner, self.typo = inner, typographer(lang)

    def gettext(self, message: str) -> str:
        return self.typo(self.inner.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.typo(self.inner.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return self.typo(self.inner.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.typo(self.inner.npgettext(context, singular, plural, n))


def load_translations(project: Project, lang: str) -> NullTranslations:
    """gettext translations for ``lang``, compiled in memory from its ``.po`` file,
    with the language's typography applied to every result."""
    catalogue, _ = read_catalogue(project, lang)
    if catalogue is None:
        return TypographicTranslations(NullTranslations(), lang)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return TypographicTranslations(Translations(compiled), lang)


KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
# Fixed header dates: regenerating unchanged catalogues changes no byte.
FIXED_DATES = {"creation_date": datetime(2026, 1, 1, tzinfo=UTC),
               "revision_date": datetime(2026, 1, 1, tzinfo=UTC)}


def extract_messages(project: Project) -> Iterator[tuple[str, list[str], str | None]]:
    """Every word to translate, as (message, translator comments, context): those of
    careerdocs' own code (wherever it is installed) and of the project's templates."""
    sources = ((Path(__file__).parent, [("**.py", "python")]),
               (project.templates_dir, [("**.html", "jinja2")]))
    for folder, method_map in sources:
        for _file, _line, message, comments, context in extract_from_dir(
                str(folder), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)):
            yield message, comments, context


def template_path(project: Project) -> Path:
    """The message template (``.pot``) every language's catalogue is updated from."""
    return project.templates_dir / "locales" / "messages.pot"


def extract(project: Project) -> tuple[Path, int]:
    """Collect every translatable word of the templates and the code into the ``.pot``."""
    template = Catalog(project="careerdocs", fuzzy=False, **FIXED_DATES)
    for message, comments, context in extract_messages(project):
        template.add(message, auto_comments=comments, context=context)
    path = template_path(project)
    _write(path, template)
    return path, len(template)


def update(project: Project, languages: list[str]) -> list[Path]:
    """Bring each language's catalogue up to date with the ``.pot`` (new words empty)."""
    with template_path(project).open("rb") as handle:
        template = read_po(handle)
    written = []
    for lang in languages:
        catalogue, problems = read_catalogue(project, lang)
        if problems and catalogue_path(project, lang).exists():
            raise CareerdocsError(problems)
        catalogue = catalogue or Catalog(
            locale=lang, project="careerdocs", fuzzy=False, **FIXED_DATES,
            header_comment=f"# {language_name(lang)} words of the careerdocs templates.\n"
                           "# Translators: change only the msgstr lines; keep %(name)s "
                           "placeholders as they are.")
        catalogue.revision_date = FIXED_DATES["revision_date"]
        catalogue.update(template, no_fuzzy_matching=True)
        if lang == SOURCE_LANGUAGE:  # the ids are English: English translates to itself
            for message in catalogue:
                if message.id and not message.string:
                    message.string = message.id
        path = catalogue_path(project, lang)
        _write(path, catalogue)
        written.append(path)
    return written


def compile_catalogues(project: Project, languages: list[str]) -> list[Path]:
    """Write each catalogue's ``.mo`` beside it (builds compile in memory; this is for
    other gettext tools). Untranslated words are an error, as in ``validate``."""
    problems = [p for lang in languages for p in catalogue_problems(project, lang)]
    if problems:
        raise CareerdocsError(problems)
    written = []
    for lang in languages:
        catalogue, _ = read_catalogue(project, lang)
        if catalogue is None:
            continue
        path = catalogue_path(project, lang).with_suffix(".mo")
        with path.open("wb") as handle:
            write_mo(handle, catalogue)
        written.append(path)
    return written


def _write(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, no_location=True, omit_header=False,
                 sort_output=True, ignore_obsolete=True)
