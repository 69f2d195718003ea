"""``careerdocs i18n content export``, ``import`` and ``careerdocs i18n status``: what
they do, for the command line (a thin layer) and for programs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from pydantic import BaseModel
from ruamel.yaml.error import YAMLError

from ..diagnostics import CareerdocsError, Diagnostics, Kind, Problem
from ..load.schema import Comparison, Guide, School, language_name
from ..load.validation import validate
from ..load.yamlfile import FieldPath, dotted, parse_yaml
from ..project import Project
from ..publish.atomic_output import write_atomically
from .pofiles import Brought, Texts, catalogue, load_texts, po_bytes, read_catalogue_file
from .pofiles import translations as po_translations
from .record import Made, is_out_of_date, write_record
from .roundtrip import Unwritable, with_translations
from .texts import ContentText


def export_folder(project: Project) -> Path:
    return project.default_output_dir / "translations"


def export_po(project: Project, lang: str, out: Path | None = None
              ) -> tuple[Path, Counter[str], list[Problem]]:
    """Write the PO file of ``lang``; its path, how many texts are in each state, and the
    warnings (a damaged record)."""
    texts = load_texts(project)
    _check_target(texts, lang)
    path = out or export_folder(project) / f"content-{lang}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, po_bytes(catalogue(texts, lang)))
    return path, status_counts(texts, lang, list(texts.texts)), texts.warnings


def _check_target(texts: Texts, lang: str) -> None:
    if lang == texts.source:
        raise CareerdocsError([Problem("content/school.yaml", None, None, (
            f"{language_name(lang)} is the language the texts are written in (the first of "
            "the school's languages): choose a language to translate into"),
            kind=Kind.COMMAND)])
    if lang not in texts.languages:
        raise CareerdocsError([Problem("content/school.yaml", None, None, (
            f"the school does not publish in '{lang}' (languages: "
            f"{', '.join(texts.languages)}): add it to languages first"), kind=Kind.COMMAND)])


def status_counts(texts: Texts, lang: str, among: list[ContentText]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in among:
        if not text.words.get(texts.source, "").strip():
            continue
        if not text.words.get(lang, "").strip():
            counts["missing"] += 1
        elif is_out_of_date(text, texts.source, lang, texts.record):
            counts["out of date"] += 1
        else:
            counts["translated"] += 1
    return counts


@dataclass
class Imported:
    """What an import did: the files rewritten, and the entries of each sort."""

    lang: str
    files: list[str] = field(default_factory=list)
    changed: int = 0
    unchanged: int = 0
    left: Counter[str] = field(default_factory=Counter)  # fuzzy, empty
    warnings: list[Problem] = field(default_factory=list)


def import_po(project: Project, po_file: Path) -> Imported:
    """Bring the translations of ``po_file`` into the YAML files: all of them, or none
    (every problem with its line in the PO file)."""
    texts = load_texts(project)
    display = str(po_file)
    catalogue_read = read_catalogue_file(po_file, display)
    lang = _language_of(catalogue_read, texts, display)
    brought, problems = po_translations(catalogue_read, texts, lang, display)
    result = Imported(lang, left=_left_out(catalogue_read), warnings=texts.warnings)
    changed = [item for item in brought if item.text.words.get(lang) != item.words]
    result.changed, result.unchanged = len(changed), len(brought) - len(changed)
    rewritten, write_problems = _rewritten(project, changed, texts, lang, display)
    if problems or write_problems:
        raise CareerdocsError(problems + write_problems)
    for name, data in rewritten.items():
        write_atomically(project.content_dir / name, data.encode())
    for item in brought:
        texts.record.setdefault(lang, {})[item.text.context] = Made(
            item.text.words[texts.source], item.words)
    write_record(project, texts.record)
    result.files = sorted(rewritten)
    return result


def _language_of(catalogue_read: Catalog, texts: Texts, display: str) -> str:
    lang = catalogue_read.locale.language if catalogue_read.locale is not None else ""
    if not lang:
        raise CareerdocsError([Problem(display, None, None, (
            "says no language (its Language header is empty): export the file again with "
            "careerdocs i18n content export --lang CODE"), kind=Kind.TRANSLATION)])
    try:
        _check_target(texts, lang)
    except CareerdocsError as error:
        raise CareerdocsError([Problem(display, None, None, f"a file of '{lang}': "
                                       f"{error.problems[0].message}",
                                       kind=Kind.TRANSLATION)]) from None
    return lang


def _left_out(catalogue_read: Catalog) -> Counter[str]:
    counts: Counter[str] = Counter()
    for message in catalogue_read:
        if message.id and message.fuzzy:
            counts["fuzzy"] += 1
        elif message.id and not str(message.string or "").strip():
            counts["empty"] += 1
    return counts


def _rewritten(project: Project, changed: list[Brought], texts: Texts, lang: str,
               display: str) -> tuple[dict[str, str], list[Problem]]:
    """The new text of each file the translations change, checked as the build checks
    it; the problems, each at the PO line of the entry that causes it."""
    by_file: dict[str, list[Brought]] = {}
    for item in changed:
        by_file.setdefault(item.text.file, []).append(item)
    rewritten: dict[str, str] = {}
    problems: list[Problem] = []
    for name, items in by_file.items():
        # A file saved by Windows' Notepad (a byte order mark, CRLF line ends) is written
        # back as it was saved.
        old = (project.content_dir / name).read_bytes().decode("utf-8")
        bom, crlf = old.startswith("\ufeff"), "\r\n" in old
        changes: dict[FieldPath, dict[str, str]] = {item.text.path: {lang: item.words}
                                                    for item in items}
        try:
            new = with_translations(old.removeprefix("\ufeff").replace("\r\n", "\n"),
                                    changes, texts.languages)
        except (Unwritable, YAMLError) as error:
            problems.append(Problem(f"content/{name}", None, None, (
                f"cannot take the translations of {display} ({error}): write them in by "
                "hand, or ask for help"), kind=Kind.TRANSLATION))
            continue
        problems += _schema_problems(new, name, items, texts.languages, display, lang)
        rewritten[name] = ("\ufeff" if bom else "") + (new.replace("\n", "\r\n") if crlf
                                                      else new)
    return rewritten, problems


def _schema_problems(new: str, name: str, items: list[Brought], languages: list[str],
                     display: str, lang: str) -> list[Problem]:
    """What the build would refuse in the file once translated (a title too long…), said
    at the PO entry whose translation it is."""
    document, problems = parse_yaml(new, f"content/{name}")
    if document is None:
        return problems
    diagnostics = Diagnostics(allow_missing=True)
    validate(_model_of(name), document, languages, diagnostics)
    found = [Problem(display, item.line, None, "cannot be written into the YAML file as it "
                     "is (a line break or a character YAML changes): retype it",
                     item.text.context, kind=Kind.TRANSLATION)
             for item in items if _value_at(document.data, item.text.path).get(lang)
             != item.words]
    for problem in diagnostics.errors:
        entry = next((item for item in items if _within(problem.where, item.text.path)), None)
        if entry is None:
            continue  # not made by the translations: the build says it, as before
        found.append(Problem(display, entry.line, None, problem.message,
                             entry.text.context, kind=Kind.TRANSLATION))
    return found


def _value_at(data: Any, path: FieldPath) -> dict[str, str]:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _within(where: str, path: FieldPath) -> bool:
    return where == dotted(path) or where.startswith(dotted(path) + ".")


def _model_of(name: str) -> type[BaseModel]:
    from ..pipeline.check import content_schemas

    campus, role = content_schemas()
    models: dict[str, type[BaseModel]] = {"roles": role, "campuses": campus,
                                          "comparisons": Comparison, "guides": Guide,
                                          "school.yaml": School}
    return models[name.split("/", 1)[0]]


def status_table(project: Project) -> tuple[list[tuple[str, str, Counter[str]]],
                                             list[Problem]]:
    """Per language to translate into, per file (then all files): the texts of each
    state; and the warnings (a damaged record)."""
    texts = load_texts(project)
    rows = []
    for lang in texts.languages[1:]:
        files = sorted({text.file for text in texts.texts})
        for name in files:
            counts = status_counts(texts, lang, [t for t in texts.texts if t.file == name])
            rows.append((lang, f"content/{name}", counts))
        rows.append((lang, "(all)", status_counts(texts, lang, texts.texts)))
    return rows, texts.warnings
