"""Names in content/ and templates/ that are not files (named pipes, folders, sockets):
each is refused in plain words naming it, in bounded time, nothing hangs waiting for a
writer and nothing already built changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import build_snapshot, leftovers

from conftest import REPO
from helpers import edit

NARROW = ["--campus", "demo-nord", "--lang", "fr", "--doc", "guide"]
SECONDS = 60


def _pipe(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


def _socket(path: Path) -> None:
    path.unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: the name stays a socket for the build
    server.detach()


CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    # case: (the name, what it becomes, what the message says of it)
    "a role as a pipe": ("content/roles/extra.yaml", _pipe,
                         "content/roles/extra.yaml: this name is a named pipe, not a file"),
    "a role as a socket": ("content/roles/extra.yaml", _socket,
                           "content/roles/extra.yaml: this name is a socket, not a file"),
    "a guide as a folder": ("content/guides/extra.yaml", _folder,
                            "content/guides/extra.yaml: this name is a folder, not a file"),
    "a logo as a pipe": ("content/images/demo-nord.svg", _pipe,
                         "content/images/demo-nord.svg is a named pipe, not a file: the logo"),
    "a partial as a pipe": ("templates/default/partials/campus.html", _pipe,
                            "templates/default/partials/campus.html: this name is a named pipe"),
    "a stylesheet as a pipe": ("templates/default/guide.css", _pipe,
                               "templates/default/guide.css: this name is a named pipe"),
    "a picture of a stylesheet as a pipe": ("templates/default/icons/dot.png", _pipe,
                                            "dot.png': NotAFile: is a named pipe, not a file"),
    "a catalogue as a pipe": ("templates/locales/fr/LC_MESSAGES/messages.po", _pipe,
                              "messages.po: this name is a named pipe, not a file"),
    "a font as a pipe": ("templates/fonts/lato/Lato-Bold.ttf", _pipe,
                         "templates/fonts/lato/Lato-Bold.ttf: this name is a named pipe, not a "
                         "file: a font is a .ttf file"),
    "a font as a folder": ("templates/fonts/lato/Lato-Italic.ttf", _folder,
                           "templates/fonts/lato/Lato-Italic.ttf: this name is a folder"),
}


@pytest.mark.slow  # a build in a process of its own, which could hang
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_name_that_is_not_a_file_is_refused(built_project: Path, case: str) -> None:
    name, make, expected = CASES[case]
    if name.endswith("extra.yaml"):  # a new name: copy a real one first, so it is listed
        source = "content/roles/po.yaml" if "roles" in name else "content/guides/pm-vs-po.yaml"
        (built_project / name).write_bytes((built_project / source).read_bytes())
    if "icons/dot.png" in name:  # a picture the stylesheet asks for
        with (built_project / "templates/default/guide.css").open("a") as css:
            css.write("\n.cover { background-image: url(templates/default/icons/dot.png) }\n")
    make(built_project / name)
    before = build_snapshot(built_project)
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "build", *NARROW, "--project",
                               str(built_project)], cwd=REPO, capture_output=True, text=True,
                              timeout=SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: the build still runs after {SECONDS} s (waiting on {name}?)")
    said = done.stdout + done.stderr
    assert time.monotonic() - start < SECONDS
    assert "Traceback" not in said and "internal error" not in said, said
    assert done.returncode == 1 and expected in said, said
    assert build_snapshot(built_project) == before
    assert leftovers(built_project) == []


@pytest.mark.slow  # validate in a process of its own
def test_a_campus_photo_as_a_pipe_is_named_by_validate(built_project: Path) -> None:
    """validate reads no picture it cannot: the pipe is named, at its line."""
    os.mkfifo(built_project / "content/images/atelier.jpg")
    edit(built_project, "content/campuses/demo-nord.yaml",
         "documents: [guide, handout, comparison, web]",
         "documents: [guide, handout, comparison, web]"
         "\nphoto:\n  file: images/atelier.jpg\n  alt:\n"
         "    fr: Un atelier\n    en: A workshop\n  credit: Test")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--project",
                           str(built_project)], cwd=REPO, capture_output=True, text=True,
                          timeout=SECONDS, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert ("content/campuses/demo-nord.yaml:" in done.stdout + done.stderr
            and "content/images/atelier.jpg is a named pipe, not a file: the photo"
            in done.stdout + done.stderr), done.stdout + done.stderr
