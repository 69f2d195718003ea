"""Making the units of a build: one after the other in this process, or several at once
in worker processes.

Workers are forked from the build once its content is checked, so each starts with
the render contexts already made; any other ``concurrent.futures.Executor`` (one
spreading the work over several machines) works too: a worker that has no contexts
loads the content itself and checks it is the content the build checked. Each
worker writes its finished files into the build's scratch folder, inside the output
folder, and hands back only their names and hashes: a build of any size holds one
document at a time in memory per worker, and nothing is published before every
unit succeeded.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Diagnostics, Kind, Problem
from ..documents import Rendered, get_kind
from ..limits import RENDER_MEMORY_BYTES, RENDER_SECONDS
from ..memory import Kept, kept
from ..project import Project
from ..publish import disk_reason, write_problem
from ..publish.manifest import digest
from ..render.context import ContextCache
from ..render.guard import RenderTimeout, deadline
from ..render.reads import recording
from .cluster import (
    POLL_SECONDS,
    Environment,
    Watch,
    environment,
    environment_problem,
    failure_reason,
    unseen_folder_problem,
    worker_problems,
)
from .fingerprint import project_digest
from .jobs import PlannedFile, Unit
from .options import Advance, Progress, no_progress


@dataclass(frozen=True)
class WorkSpec:
    """What a worker needs to make its units: small, and picklable for any executor."""

    root: Path
    kind_options: tuple[tuple[str, object], ...]  # BuildOptions.given
    allow_missing: bool
    inputs: str  # the digest of the project's files the build checked
    scratch: Path  # where finished files go, inside the output folder
    environment: Environment = field(default_factory=environment)  # what workers must share
    build_process: int = field(default_factory=os.getpid)

    @property
    def contexts_key(self) -> tuple[object, ...]:
        return (self.root, self.kind_options, self.allow_missing, self.inputs)


@dataclass
class MadeUnit:
    """What making one unit gave: its finished files (in the scratch folder, with their
    sha256), or the problems that prevented it."""

    files: dict[PurePosixPath, tuple[Path, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reads: tuple[str, ...] = ()
    seconds: float = 0.0
    worker: int = 0  # the process id
    peak_rss_kb: int = 0


def _build_contexts() -> Kept[tuple[object, ...], ContextCache]:
    """The render contexts of the builds this process works for (a forked worker inherits
    those of its build)."""
    return kept("build contexts", 2)


def adopt(spec: WorkSpec, contexts: ContextCache) -> None:
    """Let this process, and the workers forked from it, use the build's contexts."""
    _build_contexts().clear()
    _build_contexts().put(spec.contexts_key, contexts)


def make_unit(spec: WorkSpec, unit: Unit, release: bool = True) -> MadeUnit:
    """Make every file of ``unit`` into the scratch folder (the job a worker runs);
    ``release``: give its memory back for the next unit (the last unit of a build made in
    its own process has none after it)."""
    start = time.perf_counter()
    if os.getpid() != spec.build_process:
        _bound_memory()
        # Temporary files (WeasyPrint's fonts) go into the build's scratch folder, removed
        # with it; set for good, not put back: a worker's threads may still be making a
        # unit of this build when another starts. (The build's own process has it from
        # the work folder, for the whole build.)
        tempfile.tempdir = str(spec.scratch)
    contexts, problems = _contexts(spec)
    made = MadeUnit(problems=problems)
    if contexts is not None:
        with recording() as reads:
            for item, (data, found) in zip(unit.items, render_unit(unit, contexts),
                                           strict=True):
                made.problems += found
                if data is not None:
                    _keep(made, spec, item, data)
        made.reads = tuple(sorted(reads))
        if release:
            _release_memory()
    made.seconds = time.perf_counter() - start
    made.worker = os.getpid()
    made.peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return made


def _bound_memory() -> None:
    """In a worker with no memory limit (one of a cluster, or forked by a program that set
    none), allow the documents it makes RENDER_MEMORY_BYTES beyond what it holds now, as
    the command line does: a document that needs more fails, naming itself, instead of
    the machine swapping until it stops."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        return
    with suppress(OSError, ValueError):
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
        wanted = size + RENDER_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY
                                                else min(wanted, hard), hard))


def _release_memory() -> None:
    """Give back what the unit used before the next one starts: python-docx's parts
    refer to each other, so a Word document is freed only by the cycle collector, and
    the C library keeps freed memory unless asked to return it. Without this, a worker's
    memory grows by a few megabytes per handout."""
    gc.collect()
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)  # glibc's; elsewhere there is nothing to trim


def _keep(made: MadeUnit, spec: WorkSpec, item: PlannedFile, data: bytes) -> None:
    """Write a finished file into the scratch folder, or say why it cannot be."""
    path = spec.scratch / "made" / item.path
    if not spec.scratch.is_dir():  # the build ended (interrupted): never make it again
        made.problems.append(_problem(item, "was not kept: the build had ended"))
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        path.unlink(missing_ok=True)
        made.problems.append(write_problem(error, spec.scratch.parent))
    else:
        made.files[item.path] = (path, digest(data))


def _contexts(spec: WorkSpec) -> tuple[ContextCache | None, list[Problem]]:
    """The build's contexts: inherited, or made from the content, which must be the
    content the build checked, read by a worker like the build (same careerdocs and
    libraries, same folders)."""
    if (contexts := _build_contexts().get(spec.contexts_key)) is not None:
        return contexts, []
    from .check import load_checked

    if reason := environment_problem(spec.environment) or unseen_folder_problem(
            spec.root, spec.scratch):
        return None, [Problem(str(spec.root), None, None, reason, kind=Kind.OUTPUT)]
    try:
        project = Project.at(spec.root)
        if project_digest(project) != spec.inputs:
            raise CareerdocsError([_changed(project)])
        content = load_checked(project, Diagnostics(spec.allow_missing))
    except CareerdocsError as error:
        return None, error.problems
    return _build_contexts().put(spec.contexts_key, ContextCache(
        content, dict(spec.kind_options), spec.inputs)), []


def _changed(project: Project) -> Problem:
    return Problem(project.display(project.content_dir), None, None,
                   "the content or the templates changed while the documents were being "
                   "made: run the build again", kind=Kind.OUTPUT)


def render_unit(unit: Unit, contexts: ContextCache) -> Iterator[Rendered]:
    """The files of ``unit``, in order, each within its time limit; any failure is a
    problem naming the file, and the files after it fail with the same reason (they
    share its work)."""
    kind, job = get_kind(unit.job.document), unit.job
    files = kind.render_all(contexts.get(job.campus, job.lang),
                            [item.artifact for item in unit.items])
    reason = ""
    for item in unit.items:
        if not reason:
            rendered, reason = _next_file(files)
            if not reason:
                yield rendered
                continue
        yield None, [_problem(item, reason)]


def _next_file(files: Iterator[Rendered]) -> tuple[Rendered, str]:
    """The next file of a unit, or why it could not be made."""
    try:
        with deadline(RENDER_SECONDS):
            return next(files), ""
    except StopIteration:
        reason = "was not made: its kind of document gave fewer files than it declared"
    except RenderTimeout:
        reason = (f"took more than {RENDER_SECONDS} seconds to make: a template may loop "
                  "without end, or the texts are far too long")
    except MemoryError:
        reason = "needs more memory than the machine allows: the texts are far too long"
    except OSError as error:
        reason = (f"could not be made: {disk_reason(error)} (the renderers write their "
                  "temporary files in the output folder)")
    except RecursionError:
        reason = "is nested too deeply to be printed (a template with elements inside " \
                 "elements hundreds of levels deep?)"
    except Exception as error:  # noqa: BLE001 - never a traceback: say which file failed
        reason = f"could not be made ({type(error).__name__}: {error})"
    return (None, []), reason


def _problem(item: PlannedFile, reason: str) -> Problem:
    return Problem(item.path.as_posix(), None, None, f"{item.artifact.producer} {reason}",
                   kind=Kind.PRINTER)


def make_units(units: list[Unit], spec: WorkSpec, jobs: int, progress: Progress = no_progress,
               executor: Executor | None = None) -> list[MadeUnit]:
    """Make every unit, in order in this process, or several at once: in ``executor``,
    or in ``jobs`` worker processes. Results come back in the order of ``units``."""
    with progress(len(units)) as advance:
        if executor is not None:
            return _gather(executor, units, spec, advance)
        if jobs <= 1 or len(units) <= 1:
            with _frozen():
                return [_told(make_unit(spec, unit, release=index < len(units) - 1), unit,
                              advance) for index, unit in enumerate(units)]
        _prepare(units)
        with _worker_pool(min(jobs, len(units))) as pool:
            return _gather(pool, units, spec, advance)


def _prepare(units: list[Unit]) -> None:
    """Import the renderers of the units' kinds once, here: the workers forked from this
    process inherit them, instead of each importing them again (a second each)."""
    for name in dict.fromkeys(unit.job.document for unit in units):
        get_kind(name).prepare()


def _told(made: MadeUnit, unit: Unit, advance: Advance) -> MadeUnit:
    advance(unit.label)
    return made


def _gather(executor: Executor, units: list[Unit], spec: WorkSpec,
            advance: Advance) -> list[MadeUnit]:
    """Every unit's result, in order; the units not back when waiting is useless (see
    :class:`.cluster.Watch`) fail with the reason, and an interrupted build cancels
    what was not made yet, so that no worker goes on for it."""
    # The longest first (guides, then one-pagers, then handouts): the workers finish
    # together instead of one of them starting a guide at the end.
    order = sorted(range(len(units)), key=lambda index: _expected_cost(units[index]))
    if unable := worker_problems(executor):
        return [_failed(unit, unable[0]) for unit in units]
    futures: dict[Future[MadeUnit], int] = {
        executor.submit(make_unit, spec, units[index]): index for index in order}
    results: dict[int, MadeUnit] = {}
    try:
        _wait_for(futures, units, results, Watch(executor), advance)
    finally:
        for future in futures:
            future.cancel()
    return [results[index] for index in range(len(units))]


def _wait_for(futures: dict[Future[MadeUnit], int], units: list[Unit], results: dict[int, MadeUnit],
              watch: Watch, advance: Advance) -> None:
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in done:
            index = futures[future]
            results[index] = _result(future, units[index])
            advance(units[index].label)
            watch.news()
        if pending and not done and (reason := watch.reason_to_stop()):
            for future in pending:
                results[futures[future]] = _failed(units[futures[future]], reason)
            return


def _expected_cost(unit: Unit) -> int:
    return get_kind(unit.job.document).cost


def _result(future: Future[MadeUnit], unit: Unit) -> MadeUnit:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a worker died, or cannot run careerdocs
        return _failed(unit, failure_reason(error))


def _failed(unit: Unit, reason: str) -> MadeUnit:
    return MadeUnit(problems=[_problem(item, reason) for item in unit.items])


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects that exist now (modules, content, contexts) are left out of the cycle
    collections each unit ends with: they would take a twentieth of a second each."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes forked from this one; stopped at once if the build is
    interrupted (Ctrl-C, a signal), so that none is left writing files."""
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_started, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for process in multiprocessing.active_children():
            process.kill()
        raise
    pool.shutdown(wait=True)


def _worker_started(parent: int) -> None:
    """A worker leaves Ctrl-C to the build, which stops it, and dies with the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.freeze()  # what the build had made is this worker's for good (see _frozen)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (a killed build must not
    leave workers writing into an output folder the next build cleans)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the worker ends when it finds its queue closed
    if os.getppid() != parent:
        os._exit(1)  # the build died before the request was made
