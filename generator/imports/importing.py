"""``careerdocs import``: one record of a dataset into ``content/roles/<id>.yaml``, a
first time or over an earlier import (see :mod:`.merge`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from ..diagnostics import CareerdocsError, Problem
from ..load.content import declared_languages
from ..load.yamlfile import parse_yaml, read_yaml
from ..project import Project, is_valid_id
from ..publish.atomic_output import write_atomically
from ..translation.roundtrip import Unwritable, reproducing
from .esco import read_esco
from .files import open_dataset, refused
from .merge import Leaf, Merged, merged, named
from .onet import read_onet
from .onisep import read_onisep
from .record import Imported
from .rome import read_rome
from .writing import dump, missing_fields, role_data, role_text, styled

SNAPSHOTS = "imported"  # content/imported/<id>.yaml: the role as imported last time


@dataclass
class ImportResult:
    path: Path
    first: bool
    record: Imported
    missing: list[str] = field(default_factory=list)
    lacking_languages: list[str] = field(default_factory=list)
    merge: Merged | None = None


def read_record(source: str, files: list[Path], code: str) -> Imported:
    datasets = [open_dataset(path) for path in files]
    if source == "esco":
        return read_esco(datasets, code)
    if len(datasets) > 1:
        raise refused(str(files[1]), f"a {source} import reads one download: give one file")
    readers = {"rome": read_rome, "onisep": read_onisep, "onet": read_onet}
    return readers[source](datasets[0], code)


def default_id(source: str, code: str) -> str:
    """``rome-m1805``, ``onet-15-1252-00``, ``onisep-met-31``, ``esco-2512-4``."""
    return "-".join(filter(None, re.split(r"[^a-z0-9]+", f"{source}-{code}".lower())))


def import_role(project: Project, source: str, files: list[Path], code: str,
                ident: str | None = None) -> ImportResult:
    """Import ``code`` of ``files``: nothing is written when anything is wrong."""
    if ident is not None:
        _check_id(ident)
    record = read_record(source, files, code)
    ident = ident or default_id(source, record.source.record)
    _check_id(ident)
    languages = declared_languages(project)
    record.keep_languages(languages)
    if not record.languages:
        raise refused(str(files[0]), f"has no text in a language the school publishes in "
                      f"({', '.join(languages)}): add the dataset's language to "
                      "content/school.yaml first")
    path = project.content_dir / "roles" / f"{ident}.yaml"
    snapshot = project.content_dir / SNAPSHOTS / f"{ident}.yaml"
    theirs = role_data(record, _roles_by_code(project, next(iter(record.codes))))
    lacking = [lang for lang in languages if lang not in record.languages]
    if not path.exists():
        written = _texts(lambda: {path: role_text(theirs, record, languages),
                                  snapshot: dump(theirs)}, path)
        _write_checked(written, theirs)
        return ImportResult(path, True, record, missing_fields(theirs), lacking)
    if not snapshot.exists():
        raise refused(project.display(path), "was not made by careerdocs import (there is "
                      f"no content/{SNAPSHOTS}/{ident}.yaml): choose another --id, or remove it")
    base = _data(snapshot, project)
    _same_record(base, theirs, project.display(path))
    result = merged(base, _data(path, project), theirs)
    written = _texts(lambda: {path: _with_merged(path, result), snapshot: dump(theirs)}, path)
    _write_checked(written, None)
    return ImportResult(path, False, record, missing_fields(theirs), lacking, result)


def _check_id(ident: str) -> None:
    if not is_valid_id(ident):
        raise refused("--id", f"'{ident}' cannot name a role file: use lowercase letters, "
                      "digits and dashes, 40 characters at most")


def _same_record(base: dict[str, Any], theirs: dict[str, Any], display: str) -> None:
    """A newer release is of the same record: another one under this id is refused."""
    was, now = base.get("source") or {}, theirs["source"]
    if (was.get("dataset"), was.get("record")) != (now["dataset"], now["record"]):
        raise refused(display, f"was imported from {was.get('dataset')} {was.get('record')}, "
                      f"not {now['dataset']} {now['record']}: give another --id to import "
                      "this one as a role of its own")


def _texts(make: Callable[[], dict[Path, str]], path: Path) -> dict[Path, str]:
    try:
        return make()
    except YAMLError as error:
        raise refused(str(path), f"the dataset's words cannot be written as YAML ({error}): "
                      "nothing was written") from None


def _write_checked(texts: dict[Path, str], expected: dict[str, Any] | None) -> None:
    """Write the files once each reads back as a role file (and, for a first import, as
    the very data imported): a dataset's text that YAML cannot hold writes nothing."""
    for path, text in texts.items():
        document, problems = parse_yaml(text, str(path))
        if document is None or problems:
            raise refused(str(path), "the dataset's words cannot be written as YAML (a "
                          "control character?): nothing was written")
        if expected is not None and path.parent.name == "roles" and document.data != expected:
            raise refused(str(path), "the dataset's words do not read back as they were "
                          "imported (a control character?): nothing was written")
    for path, text in texts.items():
        _write(path, text)


def _roles_by_code(project: Project, key: str) -> dict[str, str]:
    """The project's roles by their code ``key`` (the record's own: where the jobs lead)."""
    found: dict[str, str] = {}
    for path in sorted((project.content_dir / "roles").glob("*.yaml")):
        document, _problems = read_yaml(path, project.display(path))
        codes = document.data.get("codes") if document and isinstance(document.data,
                                                                      dict) else None
        if isinstance(codes, dict) and isinstance(codes.get(key), str):
            found[codes[key]] = path.stem
    return found


def _data(path: Path, project: Project) -> dict[str, Any]:
    document, problems = read_yaml(path, project.display(path))
    if document is None or problems or not isinstance(document.data, dict):
        raise CareerdocsError(problems or [Problem(project.display(path), None, None,
                                                   "is not a role file")])
    return document.data


def _with_merged(path: Path, result: Merged) -> str:
    """The role file with the merge's new values, everything else as it was."""
    text = path.read_text(encoding="utf-8")
    try:
        yaml, data = reproducing(text)
    except Unwritable as error:
        raise refused(str(path), f"cannot take the new release ({error})") from None
    for leaf, value in result.values.items():
        _set(data, leaf, value)
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set(data: Any, leaf: Leaf, value: Any) -> None:
    *parents, last = leaf
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    if value is not None:
        node[last] = styled(value)
        return
    node.pop(last, None)
    if parents and not node:  # a text left with no language, skills with no list
        data.pop(parents[0], None)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode())


def conflicts_said(result: Merged) -> list[str]:
    return [f"{named(leaf)}: yours kept: {_short(yours)} / the new release: {_short(theirs)}"
            for leaf, yours, theirs in result.conflicts]


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else "; ".join(
        " / ".join(item.values()) if isinstance(item, dict) else str(item)
        for item in (value or []))
    return f"«{text}»"
