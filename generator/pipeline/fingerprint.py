"""Digests of what documents are made from: files, folders, careerdocs itself and the
view model. Two equal digests mean the same inputs, so the same bytes out.

Nothing here imports a renderer: a build with nothing to do stays quick.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..project import Project

# A file larger than this is keyed on its size and time, not read: content refuses it
# anyway, and a link to a huge file must not make a quick check slow.
MAX_HASHED_BYTES = 50_000_000
# Libraries whose version changes the bytes careerdocs writes.
RENDERERS = ("weasyprint", "pydyf", "python-docx", "pikepdf", "jinja2", "fonttools", "babel")


def digest_bytes(*parts: bytes | str) -> str:
    """One sha256 of several parts, each length-prefixed (``ab``+``c`` ≠ ``a``+``bc``)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The digest of a regular file's bytes; "missing" for anything else (gone, a
    folder, a device: nothing a document could have been made from)."""
    try:
        if not path.is_file():
            return "missing"
        stat = path.stat()
        if stat.st_size > MAX_HASHED_BYTES:
            return f"large:{stat.st_size}:{stat.st_mtime_ns}"
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def tree_digest(folder: Path, skip: Iterable[str] = ()) -> str:
    """The digest of every file's name and bytes under ``folder``, and of every link's
    target (links are not followed into folders), skipping the subfolders in ``skip``."""
    parts: list[str] = []
    skipped = set(skip)
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in skipped)
        base = Path(current)
        for name in sorted(files) + folders:
            path = base / name
            # A link is an input in itself: the loaders refuse one leading outside.
            link = os.readlink(path) if path.is_symlink() else ""
            if name in files or link:
                parts += [path.relative_to(folder).as_posix(), link, file_digest(path)]
    return digest_bytes(*parts)


@cache
def careerdocs_digest() -> str:
    """careerdocs' own code and the versions of the libraries that write the files: a
    new careerdocs, or a new WeasyPrint, makes every document again."""
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for name in RENDERERS:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=none")
    import zlib  # its level-6 stream is in every Word file

    return digest_bytes(tree_digest(Path(__file__).parents[1], skip=("__pycache__",)),
                        *versions, sys.version, zlib.ZLIB_RUNTIME_VERSION)


def value_digest(value: object) -> str:
    """A digest of a view-model value (frozen dataclasses, tuples, strings, numbers),
    the same in every process and on every machine."""
    hasher = hashlib.sha256()
    _feed(hasher, value)
    return hasher.hexdigest()


def _feed(hasher: hashlib._Hash, value: object) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hasher.update(f"<{type(value).__qualname__}".encode())
        for item in dataclasses.fields(value):
            hasher.update(f" {item.name}=".encode())
            _feed(hasher, getattr(value, item.name))
        hasher.update(b">")
    elif isinstance(value, tuple | list):
        hasher.update(f"[{len(value)}".encode())
        for item in value:
            _feed(hasher, item)
    elif isinstance(value, dict):
        hasher.update(f"{{{len(value)}".encode())
        for key in sorted(value, key=repr):
            _feed(hasher, key)
            _feed(hasher, value[key])
    elif isinstance(value, str | int | float | bool | type(None) | Path):
        text = repr(value)
        hasher.update(f"{type(value).__name__}{len(text)}:{text}".encode())
    elif callable(value):
        name = getattr(value, "__qualname__", type(value).__qualname__)
        hasher.update(f"fn:{getattr(value, '__module__', '')}.{name}".encode())
    else:
        raise TypeError(f"cannot fingerprint a {type(value).__name__}: teach _feed its fields")


def project_digest(project: Project) -> str:
    """The digest of everything a build reads: careerdocs, content/ and templates/."""
    return digest_bytes(careerdocs_digest(), tree_digest(project.content_dir),
                        tree_digest(project.templates_dir))
