"""One record of a dataset, mapped onto the fields of a role: the words as the dataset
gives them, and where they come from."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .files import refused

SKILLS = ("know_how", "soft_skills")  # lists of a record that go under a role's skills


@dataclass(frozen=True)
class Source:
    """Where an imported role comes from, as its file records it and its pages print it."""

    dataset: str  # rome, onisep, esco, onet
    title: str  # the dataset's name, as its publisher writes it
    version: str  # the release, or the date of the export
    licence: str
    record: str  # the record's id in the dataset (its code)


@dataclass
class Imported:
    """A record's words by role field and language; its codes; the codes of the jobs
    it leads to (kept as the dataset gives them: roles of the project or not)."""

    source: Source
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # field → lang → words
    lists: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # items by lang
    codes: dict[str, str] = field(default_factory=dict)  # rome, onisep_id, esco_uri, onet
    leads_to: list[str] = field(default_factory=list)  # codes of the dataset's own records
    related: list[str] = field(default_factory=list)  # the same, of related jobs

    def put_text(self, name: str, lang: str, words: str) -> None:
        if words.strip():
            self.texts.setdefault(name, {})[lang] = words.strip()

    def put_list(self, name: str, lang: str, items: list[str]) -> None:
        """The items of a list in one language (a dataset of one language)."""
        kept = list(dict.fromkeys(item.strip() for item in items if item.strip()))
        if kept and name not in self.lists:
            self.lists[name] = [{lang: item} for item in kept]

    def put_items(self, name: str, items: list[dict[str, str]]) -> None:
        """The items of a list in several languages, each item the same thing in each."""
        kept = [{lang: words.strip() for lang, words in item.items() if words.strip()}
                for item in items]
        if any(kept):
            self.lists[name] = [item for item in kept if item]

    def keep_languages(self, languages: list[str]) -> None:
        """Only the words of the languages the school publishes in."""
        def kept(words: dict[str, str]) -> dict[str, str]:
            return {lang: text for lang, text in words.items() if lang in languages}

        self.texts = {name: kept(words) for name, words in self.texts.items() if kept(words)}
        self.lists = {name: [kept(item) for item in items if kept(item)]
                      for name, items in self.lists.items()
                      if any(kept(item) for item in items)}

    @property
    def languages(self) -> list[str]:
        found = {lang for words in self.texts.values() for lang in words}
        found |= {lang for entries in self.lists.values() for item in entries for lang in item}
        return sorted(found)


def unknown_code(where: str, code: str, known: list[str], labels: dict[str, str],
                 what: str) -> Exception:
    """No record of ``code``: the closest codes, and the records whose names are close."""
    close = difflib.get_close_matches(code.upper(), [k.upper() for k in known], n=3, cutoff=0.6)
    named = [k for k, label in labels.items()
             if code.casefold() in label.casefold()][:3]
    hints = [f"{k} ({labels.get(k, '')})".replace(" ()", "") for k in
             dict.fromkeys([*_originals(close, known), *named])]
    said = f"; did you mean {', '.join(hints)}?" if hints else ""
    return refused(where, f"has no {what} {code}{said}")


def _originals(upper: list[str], known: list[str]) -> list[str]:
    by_upper = {k.upper(): k for k in known}
    return [by_upper[u] for u in upper]
