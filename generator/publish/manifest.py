"""Which files a build makes, and which files careerdocs made before.

Every file of a build is claimed by exactly one producer before anything is
rendered (:class:`Claims`): two documents claiming one path is a problem naming
both, never a silent overwrite. After publishing, the manifest file in the
output folder (:class:`OutputManifest`) lists every file careerdocs wrote there,
with a hash of its bytes. A full build removes only the files of that list that
it no longer makes and that nobody changed since: a file a teacher saved next
to ours, or edited in place, is never removed.

The manifest is also the build cache: each file's entry keeps the key of the
inputs it was made from and what its making read (:mod:`generator.pipeline.cache`),
and the manifest records the last build (its options, a digest of every input,
its warnings). It is published with the files, in the same journal, so it always
describes the files next to it; one that cannot be read means a full build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import Kind, Problem
from ..files import read_regular
from .folder import regular_file, relative_name

MANIFEST_NAME = ".careerdocs-manifest.json"
_FORMAT = 2
_FORMATS = (1, 2)  # format 1 kept only hashes: its files are made again once
MANIFEST_LIMIT = 64_000_000  # bytes; a set of thousands of documents needs a few MB


@dataclass(frozen=True)
class ManifestEntry:
    """What careerdocs knows of one file it wrote."""

    sha256: str
    key: str = ""  # the digest of the inputs it was made from ("": unknown)
    reads: tuple[str, ...] = ()  # what its making read besides its declared inputs

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "key": self.key, "reads": list(self.reads)}

    @classmethod
    def from_json(cls, value: object) -> ManifestEntry | None:
        if isinstance(value, str):
            return cls(value)
        if not isinstance(value, dict):
            return None
        sha, key, reads = value.get("sha256"), value.get("key", ""), value.get("reads", [])
        if not (isinstance(sha, str) and isinstance(key, str) and isinstance(reads, list)
                and all(isinstance(read, str) for read in reads)):
            return None
        return cls(sha, key, tuple(reads))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks (a guide can weigh megabytes)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@dataclass
class Claims:
    """Every output path of one build and the producer that claimed it."""

    producers: dict[PurePosixPath, str] = field(default_factory=dict)

    def claim(self, path: PurePosixPath, producer: str) -> Problem | None:
        """Record that ``producer`` makes ``path``; a problem if another one does too."""
        if path in self.producers:
            return Problem(path.as_posix(), None, None,
                           f"two documents would be written to this one file: "
                           f"{self.producers[path]}, and {producer}: rename one of them",
                           kind=Kind.OUTPUT)
        self.producers[path] = producer
        return None


@dataclass
class OutputManifest:
    """The files careerdocs wrote in one output folder (relative path → entry), and
    what the last build was (``last``: options, inputs, files, warnings)."""

    files: dict[str, ManifestEntry] = field(default_factory=dict)
    last: dict[str, object] = field(default_factory=dict)

    @classmethod
    def read(cls, output_dir: Path) -> OutputManifest:
        """The folder's manifest; an empty one when it is missing or unreadable (a link, a
        pipe, not UTF-8, nested without end…), so that nothing is ever removed, or taken
        as up to date, on a guess. Names that careerdocs could not have written are
        dropped."""
        try:
            data = json.loads(_manifest_bytes(output_dir).decode("utf-8"))
            files = data["files"] if data.get("format") in _FORMATS else {}
            last = data.get("last", {})
        except (OSError, ValueError, TypeError, AttributeError, KeyError, RecursionError):
            return cls()
        if not isinstance(files, dict):
            return cls()
        entries = {name: ManifestEntry.from_json(value) for name, value in files.items()
                   if relative_name(name) is not None}
        return cls({name: entry for name, entry in entries.items() if entry is not None},
                   last if isinstance(last, dict) else {})

    def record(self, entries: dict[PurePosixPath, ManifestEntry]) -> None:
        self.files.update({path.as_posix(): entry for path, entry in entries.items()})

    def stale(self, output_dir: Path, kept: set[PurePosixPath]) -> list[PurePosixPath]:
        """The files listed here that a full build no longer makes and that still hold
        the bytes careerdocs wrote (a file a teacher changed since is theirs now); they
        are forgotten either way."""
        stale = []
        for relative, expected in sorted(self.files.items()):
            if PurePosixPath(relative) in kept:
                continue
            del self.files[relative]
            path = regular_file(output_dir, PurePosixPath(relative))
            if path is not None and file_digest(path) == expected.sha256:
                stale.append(PurePosixPath(relative))
        return stale

    def to_bytes(self) -> bytes:
        files = {path: entry.to_json() for path, entry in sorted(self.files.items())}
        text = json.dumps({"format": _FORMAT, "files": files, "last": self.last},
                          indent=1, ensure_ascii=False, sort_keys=True)
        return text.encode("utf-8") + b"\n"


def _manifest_bytes(output_dir: Path) -> bytes:
    """The manifest's bytes when it is a regular file in the folder (never through a link)."""
    path = regular_file(output_dir, PurePosixPath(MANIFEST_NAME))
    if path is None:
        raise FileNotFoundError(MANIFEST_NAME)
    return read_regular(path, MANIFEST_LIMIT)
