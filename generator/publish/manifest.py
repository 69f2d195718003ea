"""Which files a build makes, and which files careerdocs made before.

Every file of a build is claimed by exactly one producer before anything is
rendered (:class:`Claims`): two documents claiming one path is a problem naming
both, never a silent overwrite. After publishing, the manifest file in the
output folder (:class:`OutputManifest`) lists every file careerdocs wrote there,
with a hash of its bytes. A full build removes only the files of that list that
it no longer makes and that nobody changed since: a file a teacher saved next
to ours, or edited in place, is never removed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import Kind, Problem
from .journal import inside_folder

MANIFEST_NAME = ".careerdocs-manifest.json"
_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    """The files careerdocs wrote in one output folder: relative path → sha256."""

    files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, output_dir: Path) -> OutputManifest:
        """The folder's manifest; an empty one when it is missing or unreadable, so that
        nothing is ever removed on a guess."""
        try:
            data = json.loads((output_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            files = data["files"] if data.get("format") == _FORMAT else {}
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return cls()
        if not isinstance(files, dict):
            return cls()
        return cls({path: value for path, value in files.items()
                    if isinstance(path, str) and isinstance(value, str)})

    def record(self, outputs: dict[PurePosixPath, bytes]) -> None:
        self.files.update({path.as_posix(): digest(data) for path, data in outputs.items()})

    def stale(self, output_dir: Path, kept: set[PurePosixPath]) -> list[PurePosixPath]:
        """The files listed here that a full build no longer makes and that still hold
        the bytes careerdocs wrote (a file a teacher changed since is theirs now); they
        are forgotten either way."""
        stale = []
        for relative, expected in sorted(self.files.items()):
            if PurePosixPath(relative) in kept:
                continue
            del self.files[relative]
            path = inside_folder(output_dir, relative)
            if path is not None and path.is_file() and digest(path.read_bytes()) == expected:
                stale.append(PurePosixPath(relative))
        return stale

    def to_bytes(self) -> bytes:
        text = json.dumps({"format": _FORMAT, "files": dict(sorted(self.files.items()))},
                          indent=1, ensure_ascii=False)
        return text.encode("utf-8") + b"\n"
