"""Builds spread over other processes or machines: what each worker must share with the
build, what a failure was, and a watch on the workers.

``build(..., executor=...)`` takes any :class:`concurrent.futures.Executor`; with
``dask.distributed`` (``Client(...).get_executor()``) the units go to workers on other
machines. Each worker must run the same careerdocs, Python and renderers (the bytes of
the documents depend on them) and see the project and the output folder at the same
path (it reads the one and writes into the other). A worker that lacks one of these
says so, naming itself and what it lacks. While the build waits, it watches: a cluster
left with no worker, or no document coming back for longer than a document may take,
ends the build in plain words instead of a wait without end.
"""

from __future__ import annotations

import os
import socket
import sys
import time
import zlib
from concurrent.futures import Executor
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..limits import RENDER_SECONDS
from .fingerprint import RENDERERS, tree_digest

NO_WORKER_SECONDS = 15.0  # a cluster may restart a worker: this long with none ends the build
QUIET_SECONDS = RENDER_SECONDS + 60.0  # no document back for this long: the workers are gone
POLL_SECONDS = 1.0

Environment = tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """What a worker must share with the build: careerdocs's code, Python, zlib and the
    renderers' versions."""
    versions = [("careerdocs", tree_digest(Path(__file__).parents[1],
                                           skip=("__pycache__",))[:12]),
                ("Python", sys.version.split()[0]), ("zlib", zlib.ZLIB_RUNTIME_VERSION)]
    for name in RENDERERS:
        try:
            versions.append((name, version(name)))
        except PackageNotFoundError:
            versions.append((name, "none"))
    return tuple(versions)


def this_worker() -> str:
    """This process, as messages name it: its machine and its process number."""
    return f"the worker on {socket.gethostname()} (process {os.getpid()})"


def environment_problem(expected: Environment) -> str | None:
    """How this worker differs from the build, in words; None when it does not."""
    mine = dict(environment())
    differences = [f"{name} {mine.get(name, 'none')} where the build has {value}"
                   for name, value in expected if mine.get(name) != value]
    if not differences:
        return None
    return (f"{this_worker()} runs {', '.join(differences)}: every worker needs the same "
            "careerdocs, Python and libraries as the computer that starts the build")


def unseen_folder_problem(root: Path, scratch: Path) -> str | None:
    """A worker that cannot see the project, or the output folder, where the build has
    them (its disks are not shared at the same path)."""
    for what, folder in (("the project", root), ("the output folder", scratch.parent)):
        if not folder.is_dir():
            return (f"{this_worker()} cannot see {what} at {folder}: every worker needs "
                    "the project and the output folder at the same path (a shared disk)")
    if not scratch.is_dir():
        return (f"{this_worker()} cannot see the build's scratch folder {scratch}: the "
                "output folder must be the same shared folder for every worker")
    return None


def failure_reason(error: BaseException) -> str:
    """Why a unit came back with no result, in words (the end of "… could not be made")."""
    name = type(error).__name__
    if isinstance(error, ImportError):
        return (f"could not be made: a worker cannot run careerdocs ({error}): install "
                "careerdocs, with the same Python and libraries, on every worker")
    if name == "KilledWorker":  # dask: every worker that tried it died
        return ("could not be made: each worker that tried it stopped (killed, or out of "
                "memory); the other documents are not written either")
    if name in ("BrokenProcessPool", "BrokenExecutor"):
        return ("could not be made: the program making it stopped unexpectedly (the "
                "computer may have run out of memory): try again with --jobs 1")
    return f"could not be made: a worker failed ({name}: {error})"


# Run on each worker of a cluster before anything is sent: a worker that cannot import
# careerdocs cannot even read the task it is given (dask then loses the worker, and the
# build would only see that none is left).
_PROBE = "__import__('generator.pipeline.runner') and None"


def worker_problems(executor: Executor | None) -> list[str]:
    """Each worker of a dask cluster that cannot run careerdocs, in words; [] for any
    other executor, or when the scheduler cannot be asked (the watch then says so)."""
    client = getattr(executor, "_client", None)
    if client is None:
        return []
    try:
        answers = client.run(eval, _PROBE, on_error="return")
    except Exception:  # noqa: BLE001 - a scheduler that cannot be asked: see Watch
        return []
    return [f"could not be made: the worker at {address} cannot run careerdocs "
            f"({type(answer).__name__}: {answer}): install careerdocs, with the same Python "
            "and libraries, on every worker"
            for address, answer in sorted(answers.items()) if isinstance(answer, BaseException)]


class Watch:
    """Tells a build that waits for its workers when to stop waiting."""

    def __init__(self, executor: Executor | None) -> None:
        self.client = getattr(executor, "_client", None)  # dask's ClientExecutor
        self.last_news = self.since_no_worker = time.monotonic()
        self.had_workers = False

    def news(self) -> None:
        """A unit came back."""
        self.last_news = time.monotonic()

    def reason_to_stop(self) -> str | None:
        """Why waiting longer is useless, or None."""
        now = time.monotonic()
        if self.client is not None and self._workers() > 0:
            self.since_no_worker = now
        elif self.client is not None and now - self.since_no_worker > NO_WORKER_SECONDS:
            return (f"could not be made: no worker of the cluster has been running for "
                    f"{NO_WORKER_SECONDS:g} seconds (scheduler {self._address()}): start "
                    "workers and build again")
        if now - self.last_news > QUIET_SECONDS:
            return (f"could not be made: no document came back from the workers for "
                    f"{QUIET_SECONDS:g} seconds: they may have stopped or be unreachable")
        return None

    def _workers(self) -> int:
        try:
            return len(self.client.scheduler_info(n_workers=-1)["workers"])  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - a scheduler that cannot be asked has no worker
            return 0

    def _address(self) -> str:
        return str(getattr(getattr(self.client, "scheduler", None), "address", "unknown"))
