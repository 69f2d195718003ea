"""The O*NET database (USDOL/ETA, CC BY 4.0), its text release: ``db_NN_N_text.zip``,
tab-delimited UTF-8 files with a header. English only.

A role from one ``O*NET-SOC Code``: its title and description (``Occupation Data``),
its core tasks as missions (``Task Statements``; all of its tasks where none is
marked core), its other titles (``Alternate Titles``) and its related occupations
(``Related Occupations``)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from ..limits import MAX_LIST_ITEMS
from .files import Dataset
from .record import Imported, Source, unknown_code

LICENCE = "CC BY 4.0"
CODE_COLUMN = "O*NET-SOC Code"
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def read_onet(dataset: Dataset, code: str) -> Imported:
    occupations = dataset.find("Occupation Data.txt", "Occupation Data.txt")
    rows = {row[CODE_COLUMN]: row for _line, row in _rows(dataset, occupations,
                                                          ("Title", "Description"))}
    if code not in rows:
        raise unknown_code(dataset.display(occupations), code, list(rows),
                           {key: row["Title"] for key, row in rows.items()}, "O*NET-SOC code")
    record = Imported(Source("onet", "O*NET Database", _version(dataset), LICENCE, code),
                      codes={"onet": code})
    record.put_text("title", "en", rows[code]["Title"])
    record.put_text("summary", "en", rows[code]["Description"])
    _tasks(dataset, code, record)
    _titles(dataset, code, record)
    _related(dataset, code, record)
    return record


def _rows(dataset: Dataset, name: str, needed: tuple[str, ...]
          ) -> Iterator[tuple[int, dict[str, str]]]:
    """A tab-delimited table with no quoting, keyed by its O*NET-SOC codes."""
    return dataset.rows(name, (CODE_COLUMN, *needed), delimiter="\t", quoting=csv.QUOTE_NONE)


def _version(dataset: Dataset) -> str:
    """The release, from the archive's folder (``db_31_0_text``): "31.0"."""
    for name in [str(dataset.path), *dataset.names[:1]]:
        if found := re.search(r"db_(\d+)_(\d+)", name):
            return f"{found.group(1)}.{found.group(2)}"
    return ""


def _tasks(dataset: Dataset, code: str, record: Imported) -> None:
    if not dataset.has("Task Statements.txt"):
        return
    name = dataset.find("Task Statements.txt", "task statements")
    tasks = [(row.get("Task Type", ""), row["Task"]) for _line, row in _rows(dataset, name,
                                                                             ("Task",))
             if row[CODE_COLUMN] == code]
    core = [task for kind, task in tasks if kind == "Core"]
    record.put_list("missions", "en", (core or [task for _kind, task in tasks])[:MAX_LIST_ITEMS])


def _titles(dataset: Dataset, code: str, record: Imported) -> None:
    if not dataset.has("Alternate Titles.txt"):
        return
    name = dataset.find("Alternate Titles.txt", "alternate titles")
    titles = [row["Alternate Title"] for _line, row in _rows(dataset, name, ("Alternate Title",))
              if row[CODE_COLUMN] == code]
    record.put_list("also_known_as", "en", titles[:MAX_LIST_ITEMS])


def _related(dataset: Dataset, code: str, record: Imported) -> None:
    if not dataset.has("Related Occupations.txt"):
        return
    name = dataset.find("Related Occupations.txt", "related occupations")
    record.related = [row["Related O*NET-SOC Code"] for _line, row
                      in _rows(dataset, name, ("Related O*NET-SOC Code",))
                      if row[CODE_COLUMN] == code]
