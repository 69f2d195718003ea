"""What every hostile case checks: exit 1, a plain message naming the file, previous
documents byte-identical, nothing temporary left, within the time limit, and the
last-resort "internal error" handler never reached."""

from __future__ import annotations

import hashlib
import struct
import time
import zlib
from pathlib import Path

from helpers import run_cli

LEFTOVERS = (".careerdocs-staging", ".careerdocs-scratch-")
SECONDS = 60.0  # every refusal comes well within this, in the slowest case a render limit


def build_snapshot(project: Path, name: str = "build") -> dict[str, str]:
    """The hash of every file of the project's output folder."""
    folder = project / name
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


def leftovers(project: Path) -> list[str]:
    """Temporary files or folders a build left anywhere in the project."""
    return [str(p.relative_to(project)) for p in project.rglob("*")
            if p.name.startswith(LEFTOVERS) or p.name.endswith(".tmp")]


def refused(project: Path, args: list[str], *expected: str) -> str:
    """Run ``careerdocs ARGS``: it must refuse with every ``expected`` fragment."""
    before = build_snapshot(project)
    start = time.monotonic()
    result = run_cli(*args, "--project", str(project))
    elapsed = time.monotonic() - start
    output = result.output
    assert result.exit_code == 1, output
    for fragment in expected:
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output
    assert build_snapshot(project) == before, "the previous documents changed"
    assert leftovers(project) == [], leftovers(project)
    assert elapsed < SECONDS, f"{elapsed:.0f} s"
    return output


def cut_png(path: Path) -> None:
    """A PNG whose image data stops half-way, every chunk's CRC still right: only
    decoding the pixels shows it is broken."""
    from PIL import Image

    Image.new("RGB", (200, 200), "#1d3557").save(path)
    data = path.read_bytes()
    head, chunks, position = data[:8], [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IDAT":
            body = body[:len(body) // 2]
        chunks.append(struct.pack(">I4s", len(body), kind) + body
                      + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
        position += 12 + length
    path.write_bytes(head + b"".join(chunks))
