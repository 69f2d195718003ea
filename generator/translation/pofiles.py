"""The content's texts as PO files (one per language), and the translations of a PO
file checked, entry by entry, before anything is written back."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO, StringIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from ..diagnostics import CareerdocsError, Kind, Problem
from ..files import NotAFile, read_regular
from ..i18n import FIXED_DATE
from ..limits import MAX_TRANSLATION_FILE_BYTES
from ..load.schema import CONTROL_CHARS, language_name
from ..project import Project
from .record import Record, is_out_of_date, previous_source, read_record
from .texts import ContentText, content_texts

# What a translation must keep of its source: the addresses of its links, and the
# words it marks as of another language ([backlog]{lang=en}), unless that language
# is the translation's own.
LINK = re.compile(r"\]\(([^)\s]*)\)")
SPAN_LANG = re.compile(r"\{lang=([A-Za-z-]+)\}")
# The characters a content text may not hold (the schema's), and those YAML would read as
# a line break, changing the words (a translator's tool lets them through).
LINE_BREAKS = re.compile(r"[\r\x85]")
NOTE = ("Keep [links](…) and [words]{lang=…} as the source has them (a mark of the "
        "language you translate into may go); translate the words inside them.")


@dataclass
class Texts:
    """The content's texts, its source language and the record of translations."""

    texts: list[ContentText]
    source: str
    languages: list[str]
    record: Record = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # a damaged record

    def by_context(self) -> dict[str, ContentText]:
        return {text.context: text for text in self.texts}


def catalogue(texts: Texts, lang: str) -> Catalog:
    """The PO catalogue of ``lang``: every text that has words in the source language,
    its translation if any; fuzzy, with the previous source, when out of date."""
    made = Catalog(locale=lang, project="careerdocs content", fuzzy=False,
                   creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                   header_comment=f"# The texts of content/ in {language_name(lang)}, "
                   f"translated from {language_name(texts.source)}.\n# {NOTE}")
    for text in texts.texts:
        source = text.words.get(texts.source, "").strip()
        if not source:
            continue
        stale = is_out_of_date(text, texts.source, lang, texts.record)
        message = made.add(text.words[texts.source], text.words.get(lang, ""),
                           locations=[(text.display, text.line)], context=text.context,
                           flags=["fuzzy"] if stale else [],
                           previous_id=(previous_source(text, lang, texts.record) or "")
                           if stale else ())
        # Babel takes "{lang=en}" and "50 %" for Python formats, which PO tools would
        # then hold the translation to: they are words here.
        message.flags -= {"python-format", "python-brace-format"}
    return made


def po_bytes(catalogue: Catalog) -> bytes:
    out = BytesIO()
    write_po(out, catalogue, width=100, include_previous=True, sort_output=False)
    return out.getvalue()


def read_catalogue_file(path: Path, display: str) -> Catalog:
    """A PO file as translators' tools write it; its syntax errors with their line."""
    try:
        data = read_regular(path, MAX_TRANSLATION_FILE_BYTES)
    except NotAFile as error:
        raise CareerdocsError([Problem(display, None, None, f"this name {error.reason}: "
                                       "give a .po file", kind=Kind.TRANSLATION)]) from None
    except OSError as error:
        raise CareerdocsError([Problem(display, None, None, f"cannot be read "
                                       f"({error.strerror})", kind=Kind.TRANSLATION)]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CareerdocsError([Problem(display, None, None, "not a PO file in UTF-8 "
                                       f"({error.reason})", kind=Kind.TRANSLATION)]) from None
    text = text.removeprefix("\ufeff")
    if problem := _syntax_problem(text, display):
        raise CareerdocsError([problem])
    # Obsolete entries' previous text ("#~| msgid", as msgmerge and Weblate keep it) is
    # not for careerdocs, and Babel would refuse it: the line is made a plain comment.
    lines = ["# " + line if line.startswith("#~|") else line for line in text.split("\n")]
    try:
        return read_po(StringIO("\n".join(lines)), abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", None)
        reason = str(error).split(" on ", 1)[0]
        raise CareerdocsError([Problem(display, line + 1 if line is not None else None, None,
                                       f"not a valid PO file: {reason}",
                                       kind=Kind.TRANSLATION)]) from None
    except LookupError as error:  # a charset Python does not know
        raise CareerdocsError([Problem(display, None, None, f"not a PO file in UTF-8 "
                                       f"({error})", kind=Kind.TRANSLATION)]) from None


# A PO file's lines, as gettext's msgfmt reads them (Babel lets some slip by: an
# unquoted msgstr is read as empty, an unclosed quote as closed).
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+'
                      rf'{_QUOTED}|{_QUOTED})?\s*')


def _syntax_problem(text: str, display: str) -> Problem | None:
    for number, line in enumerate((line.removesuffix("\r") for line in text.split("\n")), 1):
        if not _PO_LINE.fullmatch(line):
            return Problem(display, number, None, "not a valid PO file: this line is neither "
                           "a comment, a keyword and its quoted text, nor quoted text (check "
                           "its quotes)", kind=Kind.TRANSLATION)
    return None


@dataclass(frozen=True)
class Brought:
    """One translation of a PO file, checked: the text it goes into and its words."""

    text: ContentText
    words: str
    line: int  # of the entry, in the PO file


def translations(catalogue: Catalog, texts: Texts, lang: str, display: str
                 ) -> tuple[list[Brought], list[Problem]]:
    """The PO file's translations to bring in (fuzzy and empty ones are left out), or
    every problem with its line."""
    known, brought, problems = texts.by_context(), [], []
    for message in catalogue:
        if not message.id or message.fuzzy or not isinstance(message.string, str) \
                or not message.string.strip():
            continue
        words, text = message.string.strip(), known.get(str(message.context))
        if text is not None and text.words.get(lang) == words \
                and text.words.get(texts.source) != message.id:
            continue  # left as it was, its source changed since: neither brought nor confirmed
        problem = _entry_problem(message, text, texts, lang)
        if problem:
            problems.append(Problem(display, message.lineno, None, problem,
                                    message.context or "", kind=Kind.TRANSLATION))
        elif text is not None:
            brought.append(Brought(text, words, message.lineno or 0))
    return brought, problems


def _entry_problem(message: Message, text: ContentText | None, texts: Texts,
                   lang: str) -> str:
    """Why a translation cannot be brought in ("" when it can). One that is the words
    the content has already is never refused."""
    source_name = language_name(texts.source)
    if not message.context:
        return ("this entry has no msgctxt: careerdocs names each text by its file and path "
                "there; translate the file careerdocs i18n content export writes")
    if text is None:
        return "no text of the content has this name any more: export the file again"
    if text.words.get(lang) == str(message.string).strip():
        return ""  # left as the content has it: nothing to check
    if text.words.get(texts.source, "") != message.id:
        return (f"the {source_name} text changed since this file was exported: export it "
                "again, and translate the new text")
    return _words_problem(str(message.id), str(message.string).strip(), lang)


def _words_problem(source: str, words: str, lang: str) -> str:
    """What the translation lost of its source (its links' addresses, the words it
    marks as of another language than the translation's), or a character it may not
    hold (refused here: YAML could not keep it; the schema checks the rest, its length
    included, once the translation is in place)."""
    if found := CONTROL_CHARS.search(words) or LINE_BREAKS.search(words):
        return (f"contains an invisible control character (code U+{ord(found.group()):04X}):"
                " retype the text")
    lost = Counter(LINK.findall(source)) - Counter(LINK.findall(words))
    if lost:
        return (f"the link to {', '.join(sorted(lost))} of the source is missing or changed: "
                "keep [the words](and the address) as they are, translating the words")
    spans = Counter(found for found in SPAN_LANG.findall(source) if found != lang)
    if missing := spans - Counter(SPAN_LANG.findall(words)):
        return (f"the source marks words as {', '.join(sorted(missing))} with "
                "[words]{lang=…}: keep that mark around the same words")
    return ""


def load_texts(project: Project) -> Texts:
    """The content's texts and the school's languages (the first is the source)."""
    from ..load.content import declared_languages

    languages = declared_languages(project)
    if not languages:
        raise CareerdocsError([Problem("content/school.yaml", None, None, (
            "lists no language: careerdocs cannot tell which texts to translate"))])
    texts, problems = content_texts(project, languages)
    record, damaged = read_record(project)
    if problems:
        raise CareerdocsError(problems)
    return Texts(texts, languages[0], languages, record, damaged)
