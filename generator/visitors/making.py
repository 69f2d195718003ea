"""``careerdocs visitors FILE``: a personal guide for every visitor of an export, a print
file per campus and language, an index for the office, published as one set under
``build/visitors/<export name>/``; and ``purge``, which removes them all.

The visitors of one campus, language and set of roles share a layout
(:mod:`.personal`); they are made in worker processes, a few dozen at a time, so that
both cores work even when every visitor chose the same roles. Nothing of the export is
written anywhere but in the documents made for it: not in the user's cache (the
guides' searches are not kept), not in file names (a visitor's guide is named by its
row), not in messages or error reports (a row number, never a name).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from typing import Any

from ..diagnostics import CareerdocsError, Kind, Problem
from ..memory import Kept, kept
from ..project import Project
from .export import read_table
from .rows import Defaults, Visitor, visitors

CHUNK = 20  # visitors a worker makes at a time: enough to share a layout, small to balance
FOLDER = "visitors"
INDEX = "index.csv"


@dataclass(frozen=True)
class VisitorOptions:
    """How ``careerdocs visitors`` was asked to make the documents."""

    export: Path
    columns: dict[str, str] = field(default_factory=dict)  # field → the export's header
    defaults: Defaults = Defaults()
    skip_bad_rows: bool = False
    jobs: int | None = None
    booklets: bool = False  # guides of a multiple of 4 pages, and a file of booklets to print


@dataclass
class VisitorResult:
    """What was made: the folder, the visitors' guides, and the rows left out."""

    folder: Path
    guides: int = 0
    skipped: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def export_folder(project: Project, export: Path) -> Path:
    """Where an export's documents go: ``build/visitors/<its name>/``."""
    name = re.sub(r"[^\w.-]+", "-", export.stem).strip("-.") or "export"
    return project.default_output_dir / FOLDER / name


def read_visitors(project: Project, options: VisitorOptions
                  ) -> tuple[list[Visitor], list[Problem]]:
    """The export's visitors, checked against the content (raise every problem at once,
    unless bad rows are to be skipped: then the good rows, and the others' problems)."""
    from ..diagnostics import Diagnostics
    from ..pipeline import load_checked
    from ..render.context import ContextCache

    content = load_checked(project, Diagnostics())
    shown = os.path.relpath(options.export)
    table, problems = read_table(options.export, shown, options.columns)
    if table is None:
        raise CareerdocsError(problems)
    found, problems = visitors(table, ContextCache(content), options.defaults)
    if problems and not (options.skip_bad_rows and found):
        raise CareerdocsError(problems)
    return found, problems


def make_visitors(project: Project, options: VisitorOptions,
                  progress: Callable[[int, int], None] | None = None) -> VisitorResult:
    """Every visitor's guide, the print files and the index, published as one set."""
    from ..publish import publish

    found, skipped = read_visitors(project, options)
    folder = export_folder(project, options.export)
    made = dict(_made(project, found, options.jobs or os.cpu_count() or 1, options.booklets,
                      progress))
    outputs: dict[PurePosixPath, bytes | Path] = {}
    for visitor in found:
        outputs[guide_name(visitor)] = made[visitor.row]
    outputs.update(print_files(found, made))
    if options.booklets:
        outputs.update(booklet_files(project, found, made))
    outputs[PurePosixPath(INDEX)] = index_csv(found, made)
    published = publish(folder, outputs, full=True)
    return VisitorResult(folder, len(found), skipped, published.written)


def guide_name(visitor: Visitor) -> PurePosixPath:
    """A visitor's guide, named by its row: nothing personal in a file name."""
    return PurePosixPath(visitor.campus, visitor.lang, f"visitor-{visitor.row:05d}.pdf")


def _made(project: Project, found: list[Visitor], jobs: int, booklets: bool,
          progress: Callable[[int, int], None] | None) -> Iterator[tuple[int, bytes]]:
    """Each visitor's PDF, by row, made ``CHUNK`` at a time in ``jobs`` processes."""
    chunks = list(_chunks(found))
    if progress is not None:
        progress(0, len(found))
    if jobs == 1 or len(chunks) == 1:
        results: Iterator[list[tuple[int, bytes]]] = (
            make_chunk(str(project.root), chunk, booklets) for chunk in chunks)
        yield from _counted(results, len(found), progress)
        return
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=get_context("spawn"),
                             initializer=_worker_started) as pool:
        try:
            futures = [pool.submit(make_chunk, str(project.root), chunk, booklets)
                       for chunk in chunks]
            yield from _counted((future.result() for future in futures), len(found), progress)
        except BrokenProcessPool:
            raise CareerdocsError([Problem("(visitors)", None, None, (
                "a process making the guides stopped (it may have needed more memory than "
                "it is allowed): nothing was written; try again with --jobs 1"),
                kind=Kind.PRINTER)]) from None
        except BaseException:  # Ctrl-C, a problem: the guides being made are not waited for
            processes = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.kill()
            raise


def _worker_started() -> None:
    """A worker leaves Ctrl-C to the command, which stops it (no traceback of its own)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _counted(results: Iterator[list[tuple[int, bytes]]], total: int,
             progress: Callable[[int, int], None] | None) -> Iterator[tuple[int, bytes]]:
    done = 0
    for chunk in results:
        yield from chunk
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def _chunks(found: list[Visitor]) -> Iterator[list[Visitor]]:
    """The visitors grouped by what they share (campus, language, roles), in pieces."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[Visitor]] = {}
    for visitor in found:
        groups.setdefault((visitor.campus, visitor.lang, visitor.roles), []).append(visitor)
    for group in groups.values():
        for start in range(0, len(group), CHUNK):
            yield group[start:start + CHUNK]


def make_chunk(root: str, chunk: list[Visitor], booklets: bool = False
               ) -> list[tuple[int, bytes]]:
    """The PDFs of visitors who share campus, language and roles (in a worker)."""
    from .personal import personal_guide, personal_pdf

    first = chunk[0]
    context = _contexts(root).get(first.campus, first.lang)
    guide = personal_guide(context.view, first.roles)
    shared, problems = _shared(root, context, guide, first, booklets)
    made = []
    for visitor in chunk:
        try:
            pdf, problems = personal_pdf(context, guide, shared, visitor) if shared else (
                None, problems)
        except Exception as error:  # noqa: BLE001 - a bug: said by row, never by name
            raise VisitorBug(visitor.row, error) from None
        if pdf is None:
            raise CareerdocsError(problems or [_failed(visitor)])
        made.append((visitor.row, pdf))
    return made


class VisitorBug(RuntimeError):
    """careerdocs failed on a visitor's guide: its report names the row, the kind of
    error and where careerdocs' code was (the error's own words could quote the
    visitor's name: they are left out)."""

    def __init__(self, row: int, error: BaseException):
        import traceback

        frames = traceback.extract_tb(error.__traceback__)
        where = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-6:]))
        super().__init__(f"row {row}: {type(error).__name__} at {where}")

    def __reduce__(self) -> tuple[type[RuntimeError], tuple[str]]:
        return RuntimeError, (str(self),)  # back to the main process as its words alone


def _contexts(root: str) -> Any:
    from ..diagnostics import Diagnostics
    from ..pipeline import load_checked
    from ..render.context import ContextCache

    # In a worker: the content, loaded once per process.
    contents: Kept[str, ContextCache] = kept("visitor contents", 2)
    return contents.made(root, lambda: ContextCache(load_checked(Project.at(Path(root)),
                                                                 Diagnostics())))


def _shared(root: str, context: Any, guide: Any, first: Visitor, booklets: bool
            ) -> tuple[Any, list[Problem]]:
    """The guide of ``first``'s campus, language and roles, laid out once per process."""
    from .personal import shared_layout

    # The last guides laid out for the visitors who share them (a few: each weighs some
    # tens of MB).
    layouts: Kept[tuple[str, str, str, tuple[str, ...], bool], object] = kept(
        "visitor layouts", 4)
    key = (root, first.campus, first.lang, first.roles, booklets)
    if (found := layouts.get(key)) is not None:
        return found, []
    shared, problems = shared_layout(context, guide, booklets)
    if shared is not None:
        layouts.put(key, shared)
    return shared, problems


def _failed(visitor: Visitor) -> Problem:
    return Problem("(export)", visitor.row, None, "this visitor's guide could not be made",
                   kind=Kind.PRINTER)


def print_files(found: list[Visitor], made: dict[int, bytes]
                ) -> dict[PurePosixPath, bytes]:
    """One file per campus and language to print: every guide of the export in its
    order, each starting on a right-hand page (a blank page after a guide with an odd
    page count), so the printed stack cuts into guides."""
    import pikepdf

    files: dict[PurePosixPath, bytes] = {}
    for campus, lang in dict.fromkeys((v.campus, v.lang) for v in found):
        out = pikepdf.new()
        for visitor in (v for v in found if (v.campus, v.lang) == (campus, lang)):
            with pikepdf.open(io.BytesIO(made[visitor.row])) as guide, \
                    warnings.catch_warnings():
                # The guides' internal links do not matter on paper: pikepdf's warning
                # that copied pages lose them is not the office's business.
                warnings.simplefilter("ignore")
                out.pages.extend(guide.pages)
                if len(guide.pages) % 2:
                    box = guide.pages[-1].mediabox
                    out.add_blank_page(page_size=(float(box[2]), float(box[3])))
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True)
        files[PurePosixPath(campus, lang, f"print-{campus}-{lang}.pdf")] = buffer.getvalue()
    return files


def booklet_files(project: Project, found: list[Visitor], made: dict[int, bytes]
                  ) -> dict[PurePosixPath, bytes]:
    """``--booklets``: per campus and language, every guide of the export imposed as a
    booklet on the campus's sheets (as its guides' booklets are), one after the other."""
    import pikepdf

    from ..documents.guide import imposition
    from ..render.finishing import impose_booklet

    contexts = _contexts(str(project.root))
    files: dict[PurePosixPath, bytes] = {}
    for campus, lang in dict.fromkeys((v.campus, v.lang) for v in found):
        sheets = imposition(contexts.get(campus, lang))
        out = pikepdf.new()
        for visitor in (v for v in found if (v.campus, v.lang) == (campus, lang)):
            with pikepdf.open(io.BytesIO(impose_booklet(made[visitor.row], sheets))) as sheet:
                out.pages.extend(sheet.pages)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True)
        files[PurePosixPath(campus, lang, f"booklets-{campus}-{lang}.pdf")] = buffer.getvalue()
    return files


def index_csv(found: list[Visitor], made: dict[int, bytes]) -> bytes:
    """The office's list: row, name, file, pages; UTF-8 with a BOM (Excel reads it so),
    every cell that a spreadsheet would take for a formula written as text."""
    import pikepdf

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "name", "campus", "language", "file", "pages"])
    for visitor in found:
        with pikepdf.open(io.BytesIO(made[visitor.row])) as guide:
            pages = len(guide.pages)
        writer.writerow([str(visitor.row), as_text(visitor.name), visitor.campus, visitor.lang,
                         str(guide_name(visitor)), str(pages)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_text(cell: str) -> str:
    """A cell as text only: one a spreadsheet would compute (``=``, ``+``, ``-``, ``@``,
    a tab or a return first) starts with an apostrophe, which Excel does not show."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def purge(project: Project, export: Path) -> Path | None:
    """Remove every document made from ``export`` (its folder in ``build/visitors/``);
    the folder removed, or None when there was none."""
    folder = export_folder(project, export)
    if not folder.exists():
        return None
    shutil.rmtree(folder)
    parent = folder.parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
    return folder
