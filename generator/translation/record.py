"""What each translation brought in by a PO file was made from
(``content/translations.yaml``): a source text changed since, its translation left as
it was, makes that translation out of date. Written by ``careerdocs i18n content
import``; never needed to build (without it, no translation is said out of date)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from ..diagnostics import Kind, Problem
from ..files import read_regular
from ..limits import MAX_TRANSLATION_FILE_BYTES
from ..load.schema import language_name
from ..load.yamlfile import parse_yaml
from ..project import Project
from ..publish.atomic_output import write_atomically
from .texts import ContentText, texts_of

if TYPE_CHECKING:
    from ..load.content import Content

RECORD = "translations.yaml"
HEADER = ("# Written by careerdocs i18n content import: for each translation it brought in,\n"
          "# the text it was translated from (a text changed since is marked for the\n"
          "# translator at the next export). You need not edit this file.\n")


@dataclass(frozen=True)
class Made:
    """A translation as it was brought in: from which source text, into which words."""

    source: str
    words: str


Record = dict[str, dict[str, Made]]  # language → text's context → how it was made


def read_record(project: Project) -> tuple[Record, list[Problem]]:
    """The record of the project (empty without one). A damaged one (a merge conflict in
    it, a hand edit) counts as empty, with a warning: it is only a record."""
    path = project.content_dir / RECORD
    if not path.exists():
        return {}, []
    display = project.display(path)
    try:
        text = read_regular(path, MAX_TRANSLATION_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return {}, [_damaged(display, str(error))]
    document, problems = parse_yaml(text, display)
    if document is None or problems or not isinstance(document.data, dict):
        return {}, [_damaged(display, "; ".join(p.message for p in problems) or "not a record")]
    record: Record = {}
    for lang, texts in document.data.items():
        for context, made in (texts.items() if isinstance(texts, dict) else ()):
            if isinstance(made, dict) and {"from", "text"} <= set(made):
                record.setdefault(str(lang), {})[str(context)] = Made(str(made["from"]),
                                                                      str(made["text"]))
    return record, []


def _damaged(display: str, reason: str) -> Problem:
    return Problem(display, None, None, f"cannot be read ({reason}): no translation is said "
                   "out of date until the next import writes it again (you may delete it)",
                   kind=Kind.RESOLUTION)  # always a warning


def write_record(project: Project, record: Record) -> None:
    data = {lang: {context: {"from": made.source, "text": made.words}
                   for context, made in sorted(texts.items())}
            for lang, texts in sorted(record.items()) if texts}
    text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    write_atomically(project.content_dir / RECORD, text.encode())


def is_out_of_date(text: ContentText, source: str, lang: str, record: Record) -> bool:
    """The translation into ``lang`` was brought in from another source text than the
    text's, and is the same words still (an edit of the translation since says it was
    brought up to date)."""
    made = record.get(lang, {}).get(text.context)
    return (made is not None and text.words.get(lang, "") == made.words
            and text.words.get(source, "") != made.source)


def previous_source(text: ContentText, lang: str, record: Record) -> str | None:
    made = record.get(lang, {}).get(text.context)
    return made.source if made else None


def stale_warnings(content: Content) -> list[Problem]:
    """A warning for each translation that may be out of date: brought in from a PO file,
    its source text changed since, and its own words not (validate says it)."""
    record, damaged = read_record(content.project)  # a damaged record is only a record
    if not record:
        return damaged
    source, warnings = content.languages[0], []
    for document in content.sources.values():
        name = document.file.removeprefix("content/")
        for text in texts_of(document, name, set(content.languages)):
            for lang in content.languages[1:]:
                if is_out_of_date(text, source, lang, record):
                    warnings.append(document.problem((*text.path, lang), (
                        f"the {language_name(lang)} translation may be out of date: the "
                        f"{language_name(source)} text changed since it was translated "
                        f"(careerdocs i18n content export --lang {lang} marks it for the "
                        "translator)")))
    return warnings
