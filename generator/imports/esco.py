"""ESCO (European Commission), its CSV download: one zip (or folder) per language with
``occupations_<lang>.csv`` (comma, quoted; ``altLabels`` one label a line), and
``occupationSkillRelations_<lang>.csv`` with ``skills_<lang>.csv``. Releases 1.1 and
1.2 (1.2 adds ``naceCode``, and the skills' labels to the relations). French and
English, each from its own download.

A role from one occupation (its ``code``, e.g. 2512.4, or its ``conceptUri``): its
preferred label, description and other labels, and its essential skills."""

from __future__ import annotations

import re

from ..limits import MAX_LIST_ITEMS
from .files import Dataset, refused
from .record import Imported, Source, unknown_code

TITLE = "ESCO classification of the European Commission"
LICENCE = "reuse with acknowledgement (Commission Decision 2011/833/EU)"


def read_esco(datasets: list[Dataset], code: str) -> Imported:
    """The occupation in every language of ``datasets`` (one download per language)."""
    record: Imported | None = None
    skills: dict[str, dict[str, str]] = {}  # skill URI → language → label
    for dataset in datasets:
        lang, occupations = _occupations_file(dataset)
        rows = {row["conceptUri"]: row for _line, row in dataset.rows(
            occupations, ("conceptUri", "preferredLabel", "code"))}
        uri = _uri_of(code, rows)
        if uri is None:
            raise unknown_code(dataset.display(occupations), code,
                               [row["code"] for row in rows.values()],
                               {row["code"]: row["preferredLabel"] for row in rows.values()},
                               "occupation")
        row = rows[uri]
        if record is None:
            record = Imported(Source("esco", TITLE, _version(dataset), LICENCE, row["code"]),
                              codes={"esco_uri": uri})
        record.put_text("title", lang, row["preferredLabel"])
        record.put_text("summary", lang, row.get("description", ""))
        # Other labels differ from one language to another: those of the first download.
        record.put_list("also_known_as", lang, re.split(r"\r?\n", row.get("altLabels", "")))
        for skill, label in _skills(dataset, lang, uri):
            skills.setdefault(skill, {})[lang] = label
    assert record is not None  # the command gives one download at least
    record.put_items("know_how", list(skills.values())[:MAX_LIST_ITEMS])
    return record


def _occupations_file(dataset: Dataset) -> tuple[str, str]:
    name = dataset.find("occupations_*.csv", "occupations_<language>.csv")
    lang = re.search(r"occupations_([a-z]{2})\.csv$", name.lower())
    if lang is None:
        raise refused(dataset.display(name), "does not say its language in its name "
                      "(occupations_fr.csv, occupations_en.csv)")
    return lang.group(1), name


def _uri_of(code: str, rows: dict[str, dict[str, str]]) -> str | None:
    if code in rows:
        return code
    return next((uri for uri, row in rows.items() if row.get("code") == code), None)


def _version(dataset: Dataset) -> str:
    """The release, from the download's folder ("ESCO dataset - v1.2.0 - …")."""
    for name in [str(dataset.path), *dataset.names[:1]]:
        if found := re.search(r"v(\d+\.\d+(?:\.\d+)?)", name):
            return f"v{found.group(1)}"
    return ""


def _skills(dataset: Dataset, lang: str, uri: str) -> list[tuple[str, str]]:
    """The essential skills and competences of the occupation (not knowledge): their URI
    (the same in every language) and their label."""
    if not dataset.has(f"occupationSkillRelations_{lang}.csv"):
        return []
    relations = dataset.find(f"occupationSkillRelations_{lang}.csv", "skills of occupations")
    wanted = [row for _line, row in dataset.rows(relations, ("occupationUri", "relationType",
                                                             "skillUri"))
              if row["occupationUri"] == uri
              and row["relationType"] == "essential"
              and row.get("skillType", "skill/competence") == "skill/competence"]
    if all(row.get("skillLabel") for row in wanted):  # release 1.2: the labels are there
        return [(row["skillUri"], row["skillLabel"]) for row in wanted]
    skills = dataset.find(f"skills_{lang}.csv", "skills_<language>.csv")
    labels = {row["conceptUri"]: row["preferredLabel"]
              for _line, row in dataset.rows(skills, ("conceptUri", "preferredLabel"))}
    return [(row["skillUri"], labels[row["skillUri"]]) for row in wanted
            if row["skillUri"] in labels]
