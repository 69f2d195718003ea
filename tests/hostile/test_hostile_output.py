"""The output folder holds things careerdocs did not leave there: links, pipes, devices,
folders where files go, hand-edited manifests and journals. Each is refused in plain
words naming the path, or handled safely; nothing outside the folder is ever read,
written, moved or removed, and nothing hangs."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from hostile import build_snapshot, refused

from generator.diagnostics import CareerdocsError
from generator.publish import MANIFEST_NAME, OutputManifest, Release, publish, recover
from generator.publish.journal import JOURNAL, LOCK, SCRATCH, STAGING

GUIDE = PurePosixPath("demo-nord/fr/guide.pdf")
HANDOUT = PurePosixPath("demo-nord/fr/handout.docx")


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Every case ends within 20 s: a read that waits for a pipe's writer fails it."""
    def timeout(_signal: int, _frame: object) -> None:
        raise TimeoutError("careerdocs waited on a file in the output folder")
    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder with one published set: a guide and a handout."""
    folder = tmp_path / "build"
    publish(folder, Release({GUIDE: b"old guide", HANDOUT: b"old handout"}), full=True)
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the output folder, with a file someone cares about."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious.txt").write_bytes(b"not careerdocs's")
    return folder


def new_set(out: Path) -> None:
    publish(out, Release({GUIDE: b"new guide", HANDOUT: b"new handout"}), full=True)


def untouched(elsewhere: Path) -> None:
    assert (elsewhere / "precious.txt").read_bytes() == b"not careerdocs's"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]


def test_a_document_replaced_by_a_link_is_written_in_its_place(out: Path,
                                                                  elsewhere: Path) -> None:
    (out / GUIDE).unlink()
    (out / GUIDE).symlink_to(elsewhere / "precious.txt")
    new_set(out)
    assert not (out / GUIDE).is_symlink() and (out / GUIDE).read_bytes() == b"new guide"
    untouched(elsewhere)


def test_a_link_to_a_device_where_a_document_goes(out: Path) -> None:
    (out / GUIDE).unlink()
    (out / GUIDE).symlink_to("/dev/zero")
    new_set(out)
    assert (out / GUIDE).read_bytes() == b"new guide"


def test_a_campus_folder_linked_elsewhere_is_refused(out: Path, elsewhere: Path) -> None:
    (out / "demo-nord" / "fr").rename(out / "old")
    (out / "demo-nord" / "fr").symlink_to(elsewhere)
    with pytest.raises(CareerdocsError) as refusal:
        new_set(out)
    message = str(refusal.value.problems[0])
    assert str(out / "demo-nord" / "fr") in message and "is a link" in message, message
    assert "does not follow links" in message and "--out" in message, message
    untouched(elsewhere)
    assert (out / "old" / "guide.pdf").read_bytes() == b"old guide"


def test_a_file_where_a_campus_folder_goes_is_refused(out: Path) -> None:
    (out / "demo-sud").write_bytes(b"notes")
    with pytest.raises(CareerdocsError) as refusal:
        publish(out, Release({PurePosixPath("demo-sud/fr/guide.pdf"): b"x"}), full=False)
    assert "is a file where a folder is needed" in str(refusal.value.problems[0])
    assert (out / "demo-sud").read_bytes() == b"notes"


def test_a_folder_where_a_document_goes_is_refused(out: Path) -> None:
    (out / GUIDE).unlink()
    (out / GUIDE).mkdir()
    with pytest.raises(CareerdocsError) as refusal:
        new_set(out)
    assert "is a folder where a document goes" in str(refusal.value.problems[0])
    assert (out / HANDOUT).read_bytes() == b"old handout"


def test_a_staging_folder_linked_elsewhere_moves_and_removes_nothing(out: Path,
                                                                     elsewhere: Path) -> None:
    """A staging link to a folder holding a forged journal: before, the next build moved
    the outside file into build/ and removed a document."""
    (elsewhere / "files" / "demo-nord" / "fr").mkdir(parents=True)
    (elsewhere / "files" / "demo-nord" / "fr" / "guide.pdf").write_bytes(b"planted")
    (elsewhere / JOURNAL).write_text(json.dumps({"move": [GUIDE.as_posix()],
                                                 "remove": [HANDOUT.as_posix()]}))
    before = build_snapshot(elsewhere.parent, elsewhere.name)
    (out / STAGING).symlink_to(elsewhere)
    recover(out)
    assert not (out / STAGING).exists()
    assert (out / GUIDE).read_bytes() == b"old guide"
    assert (out / HANDOUT).read_bytes() == b"old handout"
    assert build_snapshot(elsewhere.parent, elsewhere.name) == before


@pytest.mark.parametrize("name", ["../elsewhere/precious.txt", "/etc/hostname",
                                  "demo-nord/../../elsewhere/precious.txt", "a\0b"])
def test_a_journal_naming_files_outside_touches_nothing(out: Path, elsewhere: Path,
                                                        name: str) -> None:
    (out / STAGING).mkdir()
    (out / STAGING / JOURNAL).write_text(json.dumps({"move": [name], "remove": [name]}))
    recover(out)
    untouched(elsewhere)
    assert not (out / STAGING).exists()


def test_a_journal_nested_without_end(out: Path) -> None:
    (out / STAGING).mkdir()
    (out / STAGING / JOURNAL).write_text("[" * 100_000 + "]" * 100_000)
    recover(out)
    new_set(out)
    assert (out / GUIDE).read_bytes() == b"new guide"


def test_a_lock_linked_elsewhere_is_not_followed(out: Path, elsewhere: Path) -> None:
    (out / LOCK).unlink()
    (out / LOCK).symlink_to(elsewhere / "precious.txt")
    new_set(out)
    untouched(elsewhere)
    assert not (out / LOCK).is_symlink()


def test_a_lock_that_is_a_named_pipe(out: Path) -> None:
    (out / LOCK).unlink()
    os.mkfifo(out / LOCK)
    new_set(out)
    assert (out / LOCK).is_file()


def test_a_lock_that_is_a_folder_is_refused(out: Path) -> None:
    (out / LOCK).unlink()
    (out / LOCK).mkdir()
    with pytest.raises(CareerdocsError) as refusal:
        new_set(out)
    assert str(out / LOCK) in str(refusal.value.problems[0])
    assert (out / GUIDE).read_bytes() == b"old guide"


def test_a_scratch_folder_linked_elsewhere(out: Path, elsewhere: Path) -> None:
    (out / f"{SCRATCH}1").symlink_to(elsewhere)
    (out / f"{SCRATCH}{os.getpid()}").symlink_to(elsewhere)
    recover(out)
    untouched(elsewhere)
    assert not list(out.glob(f"{SCRATCH}*"))


def test_a_manifest_that_is_a_named_pipe(out: Path) -> None:
    (out / MANIFEST_NAME).unlink()
    os.mkfifo(out / MANIFEST_NAME)
    assert OutputManifest.read(out).files == {}
    new_set(out)
    assert (out / MANIFEST_NAME).is_file() and GUIDE.as_posix() in OutputManifest.read(out).files


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_manifest_linked_to_a_device(out: Path, device: str) -> None:
    (out / MANIFEST_NAME).unlink()
    (out / MANIFEST_NAME).symlink_to(device)
    assert OutputManifest.read(out).files == {}
    new_set(out)
    assert not (out / MANIFEST_NAME).is_symlink()


def test_a_manifest_linked_elsewhere_is_not_read_or_written(out: Path,
                                                            elsewhere: Path) -> None:
    (elsewhere / "precious.txt").write_bytes((out / MANIFEST_NAME).read_bytes())
    (out / MANIFEST_NAME).unlink()
    (out / MANIFEST_NAME).symlink_to(elsewhere / "precious.txt")
    assert OutputManifest.read(out).files == {}
    before = (elsewhere / "precious.txt").read_bytes()
    new_set(out)
    assert (elsewhere / "precious.txt").read_bytes() == before


@pytest.mark.parametrize("text", [b"\xff\xfe not UTF-8", b"[" * 100_000,
                                  b'{"format": 2, "files": ' * 50_000])
def test_a_damaged_manifest_means_a_full_build(out: Path, text: bytes) -> None:
    (out / MANIFEST_NAME).write_bytes(text)
    assert OutputManifest.read(out).files == {}
    new_set(out)
    assert (out / GUIDE).read_bytes() == b"new guide"


def test_manifest_names_outside_the_folder_are_dropped(out: Path, elsewhere: Path) -> None:
    """A full build removes what the manifest lists and no longer makes: names that lead
    out of the folder, hold a NUL byte or are absolute are never looked at."""
    sha = "e3d5b0dbe9d5d3e4f0f2a2cd8c6a6b4b6d57a5c4e0f7b6b4ad4b1e1d7e0f6a2e"
    names = ["../elsewhere/precious.txt", str(elsewhere / "precious.txt"), "x\0y",
             "demo-nord/../../elsewhere/precious.txt"]
    data = json.loads((out / MANIFEST_NAME).read_text())
    data["files"].update({name: {"sha256": sha, "key": "", "reads": []} for name in names})
    (out / MANIFEST_NAME).write_text(json.dumps(data))
    assert set(OutputManifest.read(out).files) == {GUIDE.as_posix(), HANDOUT.as_posix()}
    publish(out, Release({GUIDE: b"only the guide"}), full=True)
    untouched(elsewhere)
    assert not (out / HANDOUT).exists()


@pytest.mark.slow  # seconds of waiting or a build: make test only
def test_the_build_folder_linked_out_of_the_project_is_refused(built_project: Path,
                                                               tmp_path: Path) -> None:
    web = tmp_path / "web"
    (built_project / "build").rename(web)
    (built_project / "build").symlink_to(web)
    before = build_snapshot(tmp_path, "web")
    refused(built_project, ["build", "--campus", "demo-nord", "--lang", "fr"],
            "build: is a link to a folder outside the project", "--out")
    assert build_snapshot(tmp_path, "web") == before


def test_a_linked_campus_folder_is_refused_before_anything_is_made(built_project: Path,
                                                                   tmp_path: Path) -> None:
    web = tmp_path / "web"
    (built_project / "build" / "demo-nord").rename(web)
    (built_project / "build" / "demo-nord").symlink_to(web)
    before = build_snapshot(tmp_path, "web")
    output = refused(built_project, ["build", "--campus", "demo-nord", "--lang", "fr"],
                     "build/demo-nord: is a link (to ", "does not follow links")
    assert "Making documents" not in output
    assert build_snapshot(tmp_path, "web") == before
