"""Shared fixtures: a throw-away copy of the demo project, and demo builds made once."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import BuildOptions, Project, build

from officeread import libreoffice_to_pdf

REPO = Path(__file__).resolve().parent.parent

# pytest -n already runs a test per processor: builds inside tests make one document at a
# time (the tests of parallel builds ask for workers explicitly), so that two builds of
# two workers each do not fight over two processors.
os.environ.setdefault("CAREERDOCS_JOBS", "1")

# Tests that need these fixtures are marked, so `make test-fast` can leave them out:
# LibreOffice opening every Word file, and full builds of every demo document (or of
# the guides of every theme).
_MARKS = {"libreoffice_pdfs": "libreoffice", "demo_build": "slow", "themed": "slow"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true",
                     help="run the layout check on many more generated projects")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds every demo document (make test only)")
    config.addinivalue_line("markers", "only_with_slow: generated projects, with --slow only")
    config.addinivalue_line("markers", "libreoffice: opens Word files in LibreOffice "
                                       "(make test only)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, mark in _MARKS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(getattr(pytest.mark, mark))
    # Tests of many generated projects run with --slow only: left out of the run (listed
    # as deselected), not skipped.
    if not config.getoption("--slow"):
        left = [item for item in items if item.get_closest_marker("only_with_slow")]
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = [item for item in items if item not in left]


def copy_project(destination: Path) -> Path:
    """A copy of the repository's content and templates that a test may break."""
    for folder in ("content", "templates"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def shared_folder(factory: pytest.TempPathFactory, name: str,
                  make: Callable[[Path], object]) -> Path:
    """A folder made once for the whole session by ``make``, whichever pytest worker
    (``-n``) asks first: the others wait for it and read it (none may change it)."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all the workers' folders are in
    folder, made = root / f"shared-{name}", root / f"shared-{name}.made"
    with (root / f"shared-{name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every demo document, built once for the whole session from the real content."""
    # Two worker processes: the pytest workers that need it wait for it meanwhile.
    return shared_folder(tmp_path_factory, "demo-build",
                         lambda out: build(Project.at(REPO), BuildOptions(output_dir=out,
                                                                          jobs=2)))


def _one_good_build(folder: Path) -> None:
    root = copy_project(folder / "project")
    build(Project.at(root), BuildOptions(campuses=("demo-nord",), languages=("fr",), jobs=2))


@pytest.fixture(scope="session")
def one_good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with one good guide already built (demo-nord, French)."""
    return shared_folder(tmp_path_factory, "good", _one_good_build) / "project"


@pytest.fixture
def built_project(one_good_build: Path, tmp_path: Path) -> Path:
    """A fresh copy of ``one_good_build`` (content, templates and build/) to break."""
    destination = tmp_path / "project"
    shutil.copytree(one_good_build, destination)
    return destination


@pytest.fixture(scope="session")
def libreoffice_pdfs(demo_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every demo DOCX converted to PDF by LibreOffice headless, as a teacher would open it."""
    def convert(out: Path) -> None:
        for folder in sorted({path.parent for path in demo_build.rglob("*.docx")}):
            target = out / folder.relative_to(demo_build)
            libreoffice_to_pdf(sorted(folder.glob("*.docx")), target, out)
    return shared_folder(tmp_path_factory, "libreoffice", convert)


# The demo guides of the profile tests: demo-nord in French (A4), demo-sud in English (A5).
PROFILE_CASES = (("demo-nord", "fr", "A4"), ("demo-sud", "en", "A5"))


@pytest.fixture(scope="session")
def profiles_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo guides in every profile: demo-nord in French (A4), demo-sud in English (A5)."""
    def make(out: Path) -> None:
        for campus, lang, _paper in PROFILE_CASES:
            build(Project.at(REPO), BuildOptions(campuses=(campus,), languages=(lang,),
                                                 documents=("guide",), output_dir=out,
                                                 kind_options={"profiles": ("print", "booklet")}))
    return shared_folder(tmp_path_factory, "profiles", make)
