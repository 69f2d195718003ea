"""The templates' fixed words ("Missions", "Contents"…) in each language, via gettext.

Catalogues are Babel ``.po`` files at ``templates/locales/<lang>/LC_MESSAGES/messages.po``;
message ids are the English words. They are compiled in memory at build time, so
no ``.mo`` file is ever committed or left stale.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import Translations
from jinja2 import Environment, TemplateSyntaxError

from .diagnostics import CareerdocsError, Kind, Problem, command_problem
from .files import NotAFile, read_regular, regular_file_problem
from .limits import MAX_FILE_BYTES
from .load.schema import language_name
from .project import Project
from .publish.atomic_output import write_atomically
from .resolve.typography import typographer
from .usercache import cache_dir, cached

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
    if problem := project.confinement_problem(path):
        return None, [replace(problem, kind=Kind.CATALOGUE)]
    if reason := regular_file_problem(path):
        return None, [Problem(display, None, None, f"this name {reason}: a translation "
                              "catalogue is a .po text file", kind=Kind.CATALOGUE)]
    if not path.is_file():
        return None, [Problem(display, None, None,
                              f"no translation catalogue for {language_name(lang)}: create it "
                              f"with: careerdocs i18n update, then translate every msgstr",
                              kind=Kind.CATALOGUE)]
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True), []
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        return None, [Problem(display, None, None, f"cannot read the catalogue: {error}",
                              kind=Kind.CATALOGUE)]


def catalogue_problems(project: Project, lang: str) -> list[Problem]:
    """Untranslated or unreadable entries of one language's catalogue."""
    catalogue, problems = read_catalogue(project, lang)
    if catalogue is None:
        return problems
    display = project.display(catalogue_path(project, lang))
    for message in catalogue:
        if extra := _unknown_placeholders(message.id, message.string):
            problems.append(Problem(display, message.lineno, None, (
                f'the translation of "{message.id}" uses {", ".join(sorted(extra))}, which '
                "the English words do not have: keep the %(…)s words exactly as they are"),
                kind=Kind.CATALOGUE))
        if message.id and (not message.string or message.fuzzy):
            problems.append(Problem(display, message.lineno, None,
                                    f'missing {language_name(lang)} translation of "{message.id}"',
                                    kind=Kind.TRANSLATION,
                                    fallback="the English words are printed instead"))
    return problems


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


def _unknown_placeholders(source: object, translation: object) -> set[str]:
    """Placeholders of a translation that its English words do not have (they would stop
    the printing: the program has no value to put there)."""
    def found(value: object) -> set[str]:
        texts = value if isinstance(value, tuple | list) else (value,)
        return {match for text in texts if isinstance(text, str)
                for match in _PLACEHOLDER.findall(text)}

    return found(translation) - found(source)


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
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


Message = str | tuple[str, ...]  # a tuple for words with a plural form
# A file without any of these holds no word to translate (checked before parsing it).
_MAY_TRANSLATE = {"python": re.compile(rb"\b(?:_|N_|gettext|ngettext)\s*\("),
                  "jinja2": re.compile(rb"\b(?:_|gettext|ngettext)\s*\(|\{%-?\s*trans\b")}


def extract_messages(project: Project) -> Iterator[tuple[Message, list[str], str | None, str]]:
    """Every word to translate, as (message, translator comments, context, where): those
    of careerdocs' own code (wherever it is installed) and of the project's templates."""
    sources = ((Path(__file__).parent, "*.py", "python", "careerdocs"),
               (project.templates_dir, "*.html", "jinja2", "templates"))
    for folder, pattern, method, label in sources:
        for path in sorted(folder.rglob(pattern)):
            stat = path.stat()
            where = f"{label}/{path.relative_to(folder).as_posix()}"
            for line, message, comments, context in _extract_file(
                    path, method, stat.st_mtime_ns, stat.st_size):
                yield message, list(comments), context, f"{where}:{line}"


Found = tuple[tuple[int, Message, tuple[str, ...], str | None], ...]


@lru_cache(maxsize=1024)
def _extract_file(path: Path, method: str, _mtime: int, _size: int) -> Found:
    """The words of one file, read again only when the file changes (each build checks
    that every word is in every catalogue), and kept in the user's cache between runs."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError:
        return ()  # a template that cannot be read is reported by the syntax check
    if not _MAY_TRANSLATE[method].search(data):
        return ()  # most of careerdocs' modules translate nothing: no need to parse them
    key = hashlib.sha256(f"words-1-{method}-{path.name}".encode() + data).hexdigest()
    stored = cached(cache_dir("words"), key, lambda: _words_json(path, method))
    return tuple((line, tuple(message) if isinstance(message, list) else message,
                  tuple(comments), context)
                 for line, message, comments, context in json.loads(stored))


def _words_json(path: Path, method: str) -> bytes:
    try:
        found = list(extract_from_file(method, str(path), keywords=KEYWORDS,
                                       comment_tags=("Translators:",)))
    except (UnicodeDecodeError, SyntaxError, ValueError):
        found = []
    return json.dumps(found, ensure_ascii=False).encode("utf-8")


def template_path(project: Project) -> Path:
    """The message template (``.pot``) every language's catalogue is updated from."""
    return project.templates_dir / "locales" / "messages.pot"


def _syntax_problems(project: Project) -> list[Problem]:
    """Templates Jinja cannot parse: Babel would skip their words without a word."""
    environment = Environment(extensions=["jinja2.ext.i18n"])
    problems = []
    for path in sorted(project.templates_dir.rglob("*.html")):
        try:
            environment.parse(read_regular(path, MAX_FILE_BYTES).decode("utf-8"))
        except NotAFile as error:
            problems.append(Problem(project.display(path), None, None,
                                    f"this name {error.reason}: templates are text files",
                                    kind=Kind.TEMPLATE))
        except TemplateSyntaxError as error:
            problems.append(Problem(project.display(path), error.lineno, None,
                                    f"template syntax: {error.message}", kind=Kind.TEMPLATE))
        except UnicodeDecodeError as error:
            problems.append(Problem(project.display(path), None, None,
                                    f"not UTF-8 text ({error.reason})", kind=Kind.TEMPLATE))
        except OSError as error:
            problems.append(Problem(project.display(path), None, None,
                                    f"cannot be read ({error.strerror})", kind=Kind.TEMPLATE))
    return problems


def extract(project: Project) -> tuple[Path, int]:
    """Collect every translatable word of the templates and the code into the ``.pot``."""
    if problems := _syntax_problems(project):
        raise CareerdocsError(problems)
    template = Catalog(project="careerdocs", fuzzy=False, creation_date=FIXED_DATE,
                       revision_date=FIXED_DATE)
    for message, comments, context, _where in extract_messages(project):
        template.add(message, auto_comments=comments, context=context)
    path = template_path(project)
    _write(path, template)
    return path, len(template)


def read_template(project: Project) -> Catalog:
    """The ``.pot`` made by ``careerdocs i18n extract``; a clear error when it is missing."""
    path = template_path(project)
    try:
        with path.open("rb") as handle:
            return read_po(handle)
    except FileNotFoundError:
        message = "no list of words to translate yet: run careerdocs i18n extract first"
    except (OSError, PoFileError, ValueError, UnicodeDecodeError) as error:
        message = f"cannot read the list of words to translate ({error}): run careerdocs " \
                  "i18n extract to make it again"
    raise CareerdocsError([Problem(project.display(path), None, None, message,
                                   kind=Kind.CATALOGUE)])


def unknown_languages(languages: list[str]) -> list[Problem]:
    """A problem for each code that names no language Babel knows (``xx``, ``../x``)."""
    problems = []
    for lang in languages:
        try:
            Locale.parse(lang)
        except (ValueError, TypeError, UnknownLocaleError):
            problems.append(command_problem(f"'{lang}' is not a language code: use a code "
                                            "such as fr, en or es"))
    return problems


def update(project: Project, languages: list[str]) -> list[Path]:
    """Bring each language's catalogue up to date with the ``.pot`` (new words empty)."""
    if problems := unknown_languages(languages):
        raise CareerdocsError(problems)
    template = read_template(project)
    written = []
    for lang in languages:
        catalogue, problems = read_catalogue(project, lang)
        if problems and catalogue_path(project, lang).exists():
            raise CareerdocsError(problems)
        catalogue = catalogue or Catalog(
            locale=lang, project="careerdocs", fuzzy=False, creation_date=FIXED_DATE,
            revision_date=FIXED_DATE,
            header_comment=f"# {language_name(lang)} words of the careerdocs templates.\n"
                           "# Translators: change only the msgstr lines; keep %(name)s "
                           "placeholders as they are.")
        catalogue.revision_date = FIXED_DATE
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
    other gettext tools). Untranslated or missing words are an error, as in ``validate``."""
    problems = [p for lang in languages for p in catalogue_problems(project, lang)]
    problems += catalogue_gaps(project, languages)
    if problems:
        raise CareerdocsError(problems)
    written = []
    for lang in languages:
        catalogue, _ = read_catalogue(project, lang)
        if catalogue is None:
            continue
        path = catalogue_path(project, lang).with_suffix(".mo")
        compiled = BytesIO()
        write_mo(compiled, catalogue)
        _write_bytes(path, compiled.getvalue())
        written.append(path)
    return written


def _write(path: Path, catalogue: Catalog) -> None:
    text = BytesIO()
    write_po(text, catalogue, width=100, no_location=True, omit_header=False,
             sort_output=True, ignore_obsolete=True)
    # Babel signs the header with its version: the same words must give the same file
    # whatever Babel a translator's machine has.
    _write_bytes(path, re.sub(rb'"Generated-By: [^"]*"\n', b"", text.getvalue()))


def _write_bytes(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as error:
        problem = Problem(str(path), None, None,
                          f"cannot write the catalogue: {error.strerror or error}",
                          kind=Kind.CATALOGUE)
        raise CareerdocsError([problem]) from None


def catalogue_gaps(project: Project, languages: list[str]) -> list[Problem]:
    """Words the code or the templates translate that a catalogue does not have."""
    used: dict[str, str] = {}
    for message, _comments, _context, place in extract_messages(project):
        key = message if isinstance(message, str) else message[0]
        used.setdefault(key, place)
    problems = []
    for lang in languages:
        catalogue, _ = read_catalogue(project, lang)
        if catalogue is None:
            continue  # reported by the catalogue check
        known = {message.id if isinstance(message.id, str) else message.id[0]
                 for message in catalogue if message.id}
        display = project.display(catalogue_path(project, lang))
        problems += [Problem(display, None, None,
                             f'"{word}" (used in {used[word]}) is not in this catalogue: run '
                             "careerdocs i18n extract, then careerdocs i18n update, and "
                             "translate it", kind=Kind.TRANSLATION,
                             fallback="the English words are printed instead")
                     for word in sorted(set(used) - known)]
    return problems
