"""careerdocs' cache in the user's cache folder (``$XDG_CACHE_HOME/careerdocs``): what
is slow to work out from a file and never changes for the same bytes (a font's subset
for Word, the characters a font can print). Each entry is named after a digest of what
it was made from and carries a digest of its own bytes: a damaged entry is made again,
and a cache that cannot be written only costs time."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from .files import read_regular

ENTRY_LIMIT = 64_000_000  # bytes: the largest entry, a font's subset, weighs a few MB


def cache_dir(kind: str) -> Path:
    """The folder of one kind of entries, e.g. ``fonts``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "careerdocs" / kind


def cached(folder: Path | None, key: str, make: Callable[[], bytes]) -> bytes:
    """The entry ``key`` of ``folder``, made by ``make`` and kept when it is missing."""
    path = folder / key if folder else None
    if path is not None and (data := read_entry(path)) is not None:
        return data
    data = make()
    if path is not None:
        write_entry(path, data)
    return data


def read_entry(path: Path) -> bytes | None:
    """An entry, or None when missing or damaged (its first 32 bytes are the SHA-256 of
    the rest)."""
    try:
        stored = read_regular(path, ENTRY_LIMIT)  # a pipe or a device is no entry
    except OSError:
        return None
    body = stored[32:]
    return body if len(stored) > 32 and hashlib.sha256(body).digest() == stored[:32] else None


def write_entry(path: Path, data: bytes) -> None:
    """Keep an entry for the next run, written whole or not at all."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch.write_bytes(hashlib.sha256(data).digest() + data)
        os.replace(scratch, path)
    except OSError:
        with contextlib.suppress(OSError):
            scratch.unlink(missing_ok=True)


def prune(folder: Path, keep: int) -> None:
    """Keep the ``keep`` most recently written entries of ``folder`` (files or folders),
    remove the rest: entries keyed by a project's place on disk (compiled templates, the
    preview's documents) would otherwise pile up with every copy of a project."""
    import shutil

    with contextlib.suppress(OSError):
        entries = sorted(folder.iterdir(), key=lambda path: path.stat().st_mtime,
                         reverse=True)
        for path in entries[keep:]:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
