"""The user's cache (``~/.cache/careerdocs``) and files changed during a build: a damaged,
foreign or strange cache entry is made again, never used; a file saved while the
documents are being made never leaves documents marked up to date that were made from
other bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator import BuildOptions, Project, build
from generator.usercache import read_entry, write_entry

ONE_GUIDE = BuildOptions(campuses=("demo-nord",), languages=("fr",), documents=("comparison",))


def validate(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """``careerdocs validate`` in a process of its own, with ``cache`` as its user cache."""
    return subprocess.run([sys.executable, "-m", "generator", "validate", "--project",
                           str(project)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache)}, check=False)


@pytest.fixture
def compiled(project_dir: Path, tmp_path: Path) -> tuple[Path, list[Path]]:
    """A user cache holding the project's compiled templates."""
    cache = tmp_path / "cache"
    assert validate(project_dir, cache).returncode == 0
    entries = sorted((cache / "careerdocs" / "templates").iterdir())
    assert entries and all(read_entry(entry) for entry in entries)
    return cache, entries


def _passes(project: Path, cache: Path) -> None:
    done = validate(project, cache)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in output, output


@pytest.mark.slow  # seconds of waiting or a build: make test only
def test_damaged_compiled_templates_are_compiled_again(project_dir: Path,
                                                       compiled: tuple[Path, list[Path]]) -> None:
    """Before, a compiled template was used as it was: a damaged one failed every build
    until the cache was deleted by hand."""
    cache, entries = compiled
    for entry in entries:
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF
        entry.write_bytes(bytes(data))
    _passes(project_dir, cache)
    assert all(read_entry(entry) for entry in entries), "the damaged entries were not mended"


@pytest.mark.slow  # two runs of validate in processes of their own
def test_compiled_templates_of_another_python_are_compiled_again(
        project_dir: Path, compiled: tuple[Path, list[Path]]) -> None:
    """Whole, with a right digest, but made for another version of Python (or Jinja)."""
    cache, entries = compiled
    for entry in entries:
        write_entry(entry, b"j2\x00\x00\x00\x07" + b"\x00" * 40 + b"\xff" * 64)
    _passes(project_dir, cache)


@pytest.mark.slow  # two runs of validate in processes of their own
def test_cache_entries_that_are_not_files(project_dir: Path,
                                          compiled: tuple[Path, list[Path]]) -> None:
    """Entries replaced by a pipe, a folder, an empty file and a link to a device, in
    turn: before, the pipe made every build wait for a writer that never came."""
    cache, entries = compiled
    makers = [os.mkfifo, os.mkdir, lambda p: Path(p).touch(),
              lambda p: Path(p).symlink_to("/dev/zero")]
    for number, entry in enumerate(entries):
        entry.unlink()
        makers[number % len(makers)](entry)
    _passes(project_dir, cache)


class EditingExecutor(ThreadPoolExecutor):
    """Makes the documents in threads; saves ``path`` with new words as the first one
    starts, as a translator would while a build runs."""

    def __init__(self, path: Path) -> None:
        super().__init__(max_workers=1)
        self.path, self.edited = path, False

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        if not self.edited:
            self.path.write_text(self.path.read_text(encoding="utf-8").replace(
                "garant", "gardien"), encoding="utf-8")
            self.edited = True
        return super().submit(fn, *args, **kwargs)


@pytest.mark.slow  # three builds of a comparison
def test_a_file_saved_during_a_build_is_made_again_next_time(project_dir: Path) -> None:
    project = Project.at(project_dir)
    with EditingExecutor(project_dir / "content/roles/po.yaml") as executor:
        first = build(project, ONE_GUIDE, executor=executor)
    assert any("changed while the documents were being made" in p.message
               for p in first.warnings), first.warnings
    assert first.written
    second = build(project, ONE_GUIDE)
    assert second.made, "documents made while a file changed were taken as up to date"
    assert not any("changed while" in p.message for p in second.warnings)
    third = build(project, ONE_GUIDE)
    assert not third.made and not third.written
