"""What the preview's printing process does: list the documents, make one, show a Word
file as PDF. It runs in a process of its own, in its main thread, so that the render
time limits (:mod:`generator.render.guard`) apply as in a build, and so that a crash
or a runaway render can never take the preview's web server down with it. Everything
it returns is plain data: problems travel as the lines a user reads."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import CareerdocsError, Diagnostics
from ..pipeline.options import BuildOptions
from ..project import Project

OFFICE_SECONDS = 120  # LibreOffice turning one handout into a PDF


@dataclass(frozen=True)
class Listing:
    """The documents a project makes: campus id → its name, languages, and for each
    campus and language the files (relative to the output folder) with their kind."""

    campuses: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    # "campus/lang" → (file name, kind, subject: the role of a handout, the guide's id…)
    files: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    # "campus/lang" → every file a build writes there (a site's stylesheet too): what
    # the preview's web server may send, when the preview has made it
    served: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """One document made (its path) or the problems that stopped it, as lines to show."""

    path: str = ""
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def warm_up() -> None:
    """Import the renderers once, so that the first document is not slower than the next."""
    from ..documents.registry import all_kinds

    for kind in all_kinds():
        kind.prepare()


SHOWN = (".pdf", ".docx")  # what the preview shows as pages
BROWSED = ".html"  # what it shows as a web page, with the files that page loads


def listing(root: str) -> Listing:
    """Every document of the project, per campus and language: the printed ones, and
    the pages of a site (the other files of a site are listed as ``served``)."""
    from ..pipeline.building import declared_units
    from ..pipeline.inventory import describe

    project = Project.at(Path(root))
    try:
        inventory = describe(project)
        _contexts, units = declared_units(project, BuildOptions(), Diagnostics())
    except CareerdocsError as error:
        return Listing(problems=tuple(map(str, error.problems)))
    files: dict[str, list[tuple[str, str, str]]] = {}
    served: dict[str, list[str]] = {}
    for unit in units:
        for path in unit.paths:
            folder, name = "/".join(path.parts[:2]), "/".join(path.parts[2:])
            served.setdefault(folder, []).append(name)
            if path.suffix in SHOWN or path.suffix == BROWSED:
                files.setdefault(folder, []).append((name, unit.job.document, unit.subject))
    return Listing(dict(inventory.campuses), tuple(inventory.languages), files, served=served)


def make(root: str, output: str, campus: str, lang: str, kind: str, name: str,
         subject: str) -> Outcome:
    """Make the documents of ``kind`` for one campus and language into ``output`` (only
    those of ``subject`` when the kind can make them alone, as the handout can: see
    ``DocumentKind.only``; the cache keeps the others as they are); the path of the file
    ``name``, shown as PDF."""
    from ..documents import get_kind
    from ..pipeline import build

    # A web page links to the same page in the other languages: they are made with it.
    languages = () if name.endswith(BROWSED) else (lang,)
    options = BuildOptions(campuses=(campus,), languages=languages, documents=(kind,),
                           output_dir=Path(output), jobs=1,
                           kind_options=get_kind(kind).only(subject))
    try:
        result = build(Project.at(Path(root)), options)
    except CareerdocsError as error:
        return Outcome(problems=tuple(map(str, error.problems)) or (error.title,))
    # Another campus's warnings (its colours) are not this document's.
    warnings = tuple(str(w) for w in result.warnings if not w.file.startswith(
        "content/campuses/") or w.file == f"content/campuses/{campus}.yaml")
    made = Path(output, campus, lang, name)
    if not made.is_file():  # its guide or role was renamed, its campus no longer prints it
        return Outcome(problems=(f"{name} is no longer made for this campus and language: "
                                 "choose another document at the top of the page",),
                       warnings=warnings)
    if made.suffix == ".docx":
        return as_pdf(made, Path(output, ".office"), warnings)
    return Outcome(str(made), warnings=warnings)


def as_pdf(docx: Path, folder: Path, warnings: tuple[str, ...] = ()) -> Outcome:
    """A Word file printed to PDF by LibreOffice, as a reader's office suite shows it;
    kept by the file's hash, so an unchanged handout is not printed again."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return Outcome(problems=(
            f"{docx.name} is a Word file: the preview shows it through LibreOffice, which is "
            "not installed. Install it (sudo apt install libreoffice-writer-nogui) and choose "
            "the document again, or open the Word file with the download link.",),
            warnings=warnings)
    digest = hashlib.sha256(docx.read_bytes()).hexdigest()[:20]
    pdf = folder / f"{digest}.pdf"
    if not pdf.is_file():
        work = folder / f"work-{os.getpid()}"
        source = work / f"{digest}.docx"
        source.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(docx, source)
        try:
            subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                            "--headless", "--convert-to", "pdf", "--outdir", str(work),
                            str(source)], check=True, capture_output=True, timeout=OFFICE_SECONDS)
            (work / f"{digest}.pdf").replace(pdf)
        except (OSError, subprocess.SubprocessError) as error:
            return Outcome(problems=(f"LibreOffice could not show {docx.name} ({error}); "
                                     "the download link gives the Word file itself.",),
                           warnings=warnings)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return Outcome(str(pdf), warnings=warnings)
