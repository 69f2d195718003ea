"""File-system faults, interruptions and builds at the same time: the output folder always
holds the complete previous set of documents or the complete new one, and nothing
temporary is left behind."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import build_snapshot, leftovers, refused

from generator.limits import RENDER_MEMORY_BYTES
from generator.publish import recover

from conftest import copy_project, shared_folder
from helpers import edit, run_cli

# Real builds, subprocesses, signals: in make test, not make test-fast.
pytestmark = pytest.mark.slow

NARROW = ["--campus", "demo-nord", "--lang", "fr"]
KINDS = [*NARROW, "--doc", "guide", "--doc", "handout"]
HOOK = "  fr: Le garant de la réussite"
LOCK = ".careerdocs-lock"


def _documents(out: Path) -> dict[str, str]:
    """Every file careerdocs keeps in ``out`` (its lock aside), by its bytes' hash."""
    return {name: digest for name, digest in build_snapshot(out.parent, out.name).items()
            if name != LOCK}


def test_build_is_a_file(built_project: Path) -> None:
    shutil.rmtree(built_project / "build")
    (built_project / "build").write_text("not a folder")
    refused(built_project, ["build", *NARROW], "cannot write the documents here: a file "
                                               "stands where a folder is needed")
    assert (built_project / "build").read_text() == "not a folder"


def test_out_under_a_file(built_project: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    refused(built_project, ["build", *NARROW, "--out", str(tmp_path / "file" / "out")],
            "cannot write the documents here: a file stands where a folder is needed")


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 32 MB file system (tmpfs), to fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    assert done.returncode == 0, f"mounting a tmpfs needs root: {done.stderr!r}"
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_disk(built_project: Path, tmp_path: Path) -> None:
    mount = tmp_path / "readonly"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    assert done.returncode == 0, f"mounting a tmpfs needs root: {done.stderr!r}"
    try:
        refused(built_project, ["build", *NARROW, "--out", str(mount / "out")],
                "cannot write the documents here: the disk is read-only")
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_keeps_the_previous_documents(built_project: Path, small_disk: Path) -> None:
    out = small_disk / "out"
    args = ["build", "--project", str(built_project), *NARROW, "--out", str(out)]
    first = run_cli(*args)
    assert first.exit_code == 0, first.output
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(built_project, "content/roles/pm.yaml", HOOK, "  fr: Désormais le garant de la réussite")
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(free - 60_000, 0))
    result = run_cli(*args)
    assert result.exit_code == 1 and "the disk is full" in result.output, result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in out.rglob("*") if p.name.startswith(".careerdocs-s")]


def test_a_disk_full_while_publishing_keeps_the_previous_set(
        built_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after two new documents are staged: none is published."""
    import errno

    from generator.publish import journal

    real, calls = journal.os.fsync, []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(descriptor)

    monkeypatch.setattr(journal.os, "fsync", fsync)
    edit(built_project, "content/roles/pm.yaml", HOOK, "  fr: Désormais le garant de la réussite")
    refused(built_project, ["build", *NARROW], "cannot write the documents here: the disk is "
                                               "full; your previous documents are as they were")
    assert len(calls) > 2


def _careerdocs(*args: str, heard: bool = False) -> subprocess.Popen[bytes]:
    """careerdocs in a process of its own; when ``heard``, what it says (on both outputs)
    goes to a pipe read once it has ended (a build says little, far below a pipe's
    buffer)."""
    return subprocess.Popen([sys.executable, "-m", "generator", *args],
                            stdout=subprocess.PIPE if heard else subprocess.DEVNULL,
                            stderr=subprocess.STDOUT if heard else subprocess.DEVNULL)


@dataclass(frozen=True)
class Sets:
    """The documents before and after an edit, each built whole in a folder of its own."""

    edited: Path  # the project with the edit, which the interrupted builds print
    old_out: Path
    old: dict[str, str]
    new: dict[str, str]


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Sets:
    root = shared_folder(tmp_path_factory, "sets", _make_sets)
    return Sets(root / "new", root / "old-out", _documents(root / "old-out"),
                _documents(root / "new-out"))


def _make_sets(root: Path) -> None:
    original, edited = copy_project(root / "old"), copy_project(root / "new")
    edit(edited, "content/roles/pm.yaml", HOOK, "  fr: Désormais le garant de la réussite")
    for name, project in (("old", original), ("new", edited)):
        assert run_cli("build", "--project", str(project), *KINDS,
                       "--out", str(root / f"{name}-out")).exit_code == 0


@pytest.mark.parametrize("seed,how", [(0, signal.SIGKILL), (1, signal.SIGTERM)])
def test_an_interrupted_build_leaves_a_whole_set(sets: Sets, tmp_path: Path, seed: int,
                                                 how: signal.Signals) -> None:
    out = tmp_path / "out"
    shutil.copytree(sets.old_out, out)
    process = _careerdocs("build", "--project", str(sets.edited), *KINDS, "--out", str(out),
                          "--jobs", "2")  # workers too must stop, and leave nothing
    time.sleep(random.Random(seed).uniform(0.5, 5.0))  # anywhere in the build, publish included
    process.send_signal(how)
    process.wait(timeout=60)
    if how == signal.SIGTERM:  # unwinds: nothing temporary left, even before the next build
        assert not [p for p in out.rglob("*") if p.name.startswith(".careerdocs-scratch")]
    recover(out)  # what the next build does first
    assert _documents(out) in (sets.old, sets.new), f"seed {seed}: old and new documents mixed"
    assert leftovers(out) == []


def test_workers_die_with_a_killed_build(sets: Sets, tmp_path: Path) -> None:
    """kill -9 of a build while its two workers print: no worker goes on writing."""
    out = tmp_path / "out"
    shutil.copytree(sets.old_out, out)
    process = _careerdocs("build", "--project", str(sets.edited), *KINDS, "--out", str(out),
                          "--jobs", "2", "--force")
    deadline, running = time.monotonic() + 30, []
    while len(running) < 3 and time.monotonic() < deadline:  # the build and its 2 workers
        time.sleep(0.02)
        running = _still_running(out)
    assert len(running) >= 3, running
    process.kill()
    process.wait(timeout=10)
    time.sleep(0.3)
    assert _still_running(out) == [], "a worker outlived its build"
    recover(out)
    assert _documents(out) in (sets.old, sets.new) and leftovers(out) == []


def _still_running(out: Path) -> list[int]:
    """Processes at work on ``out`` (forked workers keep their parent's command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(out).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_two_builds_at_once_publish_whole_sets(sets: Sets, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(sets.old_out, out)
    args = ("build", "--project", str(sets.edited), *KINDS, "--out", str(out), "--jobs", "2")
    processes = [_careerdocs(*args, heard=True), _careerdocs(*args, heard=True)]
    for (status, peak), process in zip(_wait(processes), processes, strict=True):
        said = process.stdout.read().decode() if process.stdout else ""
        assert status == 0, f"exit status {status}: {said}"
        assert 10e6 < peak < RENDER_MEMORY_BYTES / 4, f"{peak / 1e6:.0f} MB"  # measured, far within
    assert _documents(out) == sets.new
    assert leftovers(out) == []


def _wait(processes: list[subprocess.Popen[bytes]]) -> list[tuple[int, int]]:
    """Exit status and peak memory (resident bytes) of child processes, read from the
    kernel's high-water mark while they run (the mark only grows)."""
    peaks = [0] * len(processes)
    while any(process.poll() is None for process in processes):
        for index, process in enumerate(processes):
            with contextlib.suppress(OSError, ValueError, StopIteration):
                lines = Path(f"/proc/{process.pid}/status").read_text().splitlines()
                line = next(ln for ln in lines if ln.startswith("VmHWM"))
                peaks[index] = max(peaks[index], int(line.split()[1]) * 1024)
        time.sleep(0.05)
    return [(process.returncode, peak) for process, peak in zip(processes, peaks, strict=True)]


def test_recovering_leaves_a_live_builds_scratch_folder_alone(tmp_path: Path) -> None:
    """The next build sweeps what dead builds left, never the files of one still at work
    (which deletes its folder when it ends, perhaps during the sweep: the failure CI saw
    when two builds ran at once)."""
    out = tmp_path / "out"
    live = out / f".careerdocs-scratch-{os.getpid()}" / "made" / "demo-nord"
    dead = out / ".careerdocs-scratch-999999999" / "made"
    for folder in (live, dead, out / "demo-nord"):
        folder.mkdir(parents=True)
    (live / ".guide.pdf.abcd1234.tmp").write_bytes(b"being written")
    (out / "demo-nord" / ".guide.pdf.abcd1234.tmp").write_bytes(b"left by a crash")
    recover(out)
    assert (live / ".guide.pdf.abcd1234.tmp").read_bytes() == b"being written"
    assert not dead.parent.exists() and not (out / "demo-nord" / ".guide.pdf.abcd1234.tmp").exists()


def test_the_last_resort_handler_saves_a_report(tmp_path: Path) -> None:
    """A bug (here, a fault injected into careerdocs) is reported as one, with a file."""
    script = ("import sys, generator.cli as cli\n"
              "def boom(*a, **k): raise RuntimeError('injected bug')\n"
              "cli.api.describe = boom\n"
              "sys.argv = ['careerdocs', 'list', '--project', sys.argv[1]]\n"
              "cli.run()\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script, str(root)], cwd=tmp_path,
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 1
    assert "internal error: this is a bug in careerdocs" in done.stderr
    assert "Traceback" not in done.stderr
    report = tmp_path / "careerdocs-error-report.txt"
    assert "RuntimeError: injected bug" in report.read_text()


def test_a_publish_cut_after_its_journal_is_completed_by_the_next_build(
        sets: Sets, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped after the journal and one document moved into place: the next build's first
    step finishes the move, so the set is the new one, whole."""
    from generator import BuildOptions, Project, build
    from generator.publish import journal

    out = tmp_path / "out"
    shutil.copytree(sets.old_out, out)
    real, moves = journal.os.replace, []

    def cut(source: object, target: object) -> None:
        if journal.STAGING not in str(target):  # out of staging: the journal is written
            moves.append(target)
        if len(moves) == 2:  # one document moved into place, then the power goes off
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(journal.os, "replace", cut)
    options = BuildOptions(campuses=("demo-nord",), languages=("fr",),
                           documents=("guide", "handout"), output_dir=out)
    with pytest.raises(KeyboardInterrupt):
        build(Project.at(sets.edited), options)
    monkeypatch.undo()
    assert _documents(out) not in (sets.old, sets.new)  # mixed, for now
    recover(out)
    assert _documents(out) == sets.new and leftovers(out) == []
