"""Builds on a real dask.distributed cluster, started here on 127.0.0.1: a scheduler and
two worker processes. The same bytes as one process; a worker killed mid-build, then
every worker, a worker that cannot run careerdocs or runs other libraries: each ends in
bounded time, in plain words, with the previous documents intact and nothing left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import distributed
import pytest
from hostile import build_snapshot, leftovers

from generator import BuildOptions, CareerdocsError, Project, build
from generator.diagnostics import Problem
from generator.memory import forget
from generator.pipeline import cluster as cluster_module
from generator.pipeline.runner import MadeUnit, WorkSpec, make_unit

from conftest import REPO, copy_project
from helpers import edit

pytestmark = pytest.mark.slow

NORD_FR = {"campuses": ("demo-nord",), "languages": ("fr",)}
WORD_AND_ONE_PAGERS = ("handout", "comparison")
# A worker whose Python cannot import careerdocs.
NO_CAREERDOCS = "import sys; sys.modules['generator'] = None\n"
WORKER = "from distributed.cli.dask_worker import main\nmain()\n"


@dataclass
class Cluster:
    """A scheduler, its workers (processes of this machine) and a client to it."""

    folder: Path
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    client: object = None

    @property
    def address(self) -> str:
        return json.loads((self.folder / "scheduler.json").read_text())["address"]

    def start_worker(self, prelude: str = "") -> None:
        self.workers.append(subprocess.Popen(
            [sys.executable, "-c", prelude + WORKER, self.address, "--nthreads", "1",
             "--no-nanny", "--no-dashboard", "--memory-limit", "0", "--host", "127.0.0.1"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def kill(self, worker: subprocess.Popen[bytes]) -> None:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)


@contextmanager
def started(folder: Path, *preludes: str) -> Iterator[Cluster]:
    """A cluster with one worker per prelude ("" for a normal worker)."""
    folder.mkdir(exist_ok=True)
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", "0", "--no-dashboard", "--scheduler-file", str(folder / "scheduler.json")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cluster = Cluster(folder, scheduler)
    try:
        _wait(lambda: (folder / "scheduler.json").is_file(), "the scheduler")
        for prelude in preludes:
            cluster.start_worker(prelude)
        with distributed.Client(cluster.address, timeout=60) as client:
            client.wait_for_workers(len(preludes), timeout=60)
            cluster.client = client
            yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            process.kill()
            process.wait(30)


def _wait(ready: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + 60
    while not ready():
        assert time.monotonic() < end, f"{what} did not start"
        time.sleep(0.1)


@contextmanager
def after_first_document(action: Callable[[], None]) -> Iterator[Callable[[int], object]]:
    """A progress callback for build(): runs ``action`` once the first unit is back."""
    @contextmanager
    def progress(_total: int) -> Iterator[Callable[[str], None]]:
        done: list[str] = []

        def advance(label: str) -> None:
            done.append(label)
            if len(done) == 1:
                action()
        yield advance
    yield progress


def test_a_cluster_makes_the_same_bytes_and_survives_its_workers(
        demo_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers; one killed after the first document: the other makes the rest, the
    bytes are those of one process. Then the last one killed mid-build: the build ends
    within seconds saying no worker runs, the first set intact, nothing left behind.
    (Handouts and one-pagers, for time: that a guide has the same bytes in a worker
    process as in the build's own is test_build's test_two_builds_are_byte_identical.)"""
    monkeypatch.setattr(cluster_module, "NO_WORKER_SECONDS", 3.0)
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    with started(tmp_path / "cluster", "", "") as cluster:
        executor = cluster.client.get_executor()  # type: ignore[attr-defined]
        warned: list[Problem] = []
        with after_first_document(lambda: cluster.kill(cluster.workers[0])) as progress:
            result = build(Project.at(project),
                           BuildOptions(output_dir=out, documents=WORD_AND_ONE_PAGERS, **NORD_FR),
                           progress=progress, executor=executor, warn=warned.append)
        made = {path.relative_to(out) for path in result.written}
        assert len(made) == 4 and cluster.workers[0].returncode == -signal.SIGKILL, made
        for relative in made:
            assert (out / relative).read_bytes() == (demo_build / relative).read_bytes(), relative
        assert warned and warned == result.warnings  # the demo's colour warnings, told once
        first = build_snapshot(tmp_path, "out")
        edit(project, "content/roles/po.yaml", "garant", "gardien")
        start = time.monotonic()
        with after_first_document(lambda: cluster.kill(cluster.workers[1])) as progress, \
                pytest.raises(CareerdocsError) as failure:
            build(Project.at(project), BuildOptions(output_dir=out, force=True,
                                                    documents=WORD_AND_ONE_PAGERS, **NORD_FR),
                  progress=progress, executor=executor)
    elapsed = time.monotonic() - start
    message = "\n".join(map(str, failure.value.problems))
    assert "no worker of the cluster has been running for 3 seconds" in message, message
    assert "start workers and build again" in message and elapsed < 60, (elapsed, message)
    assert build_snapshot(tmp_path, "out") == first
    assert leftovers(tmp_path) == [], leftovers(tmp_path)


def test_a_worker_that_cannot_run_careerdocs_says_why(project_dir: Path, tmp_path: Path) -> None:
    """As the issue found it, the build hung with no message."""
    out = tmp_path / "out"
    options = BuildOptions(output_dir=out, documents=("handout",), **NORD_FR)
    with started(tmp_path / "cluster", NO_CAREERDOCS) as cluster, \
            pytest.raises(CareerdocsError) as failure:
        build(Project.at(project_dir), options,
              executor=cluster.client.get_executor())  # type: ignore[attr-defined]
    message = "\n".join(map(str, failure.value.problems))
    for fragment in ["the worker at tcp://127.0.0.1:", "cannot run careerdocs (",
                     "install careerdocs, with the same Python and libraries, on every "
                     "worker"]:
        assert fragment in message, message
    assert "out of memory" not in message, message
    assert not out.exists() or build_snapshot(tmp_path, "out") == {}
    assert leftovers(tmp_path) == [], leftovers(tmp_path)


def test_a_worker_that_cannot_see_the_project_names_the_folder(tmp_path: Path) -> None:
    """What a worker on a machine without the shared disk says (the unit is made here,
    with the build's contexts forgotten, as on another machine)."""
    from generator.pipeline.building import plan_build
    from generator.pipeline.fingerprint import project_digest

    project = Project.at(copy_project(tmp_path / "project"))
    options = BuildOptions(documents=("handout",), **NORD_FR)
    plan = plan_build(project, options, project_digest(project))
    forget()
    for root, scratch, missing in [(tmp_path / "elsewhere", tmp_path, "the project"),
                                   (project.root, tmp_path / "no" / "scratch",
                                    "the output folder")]:
        made: MadeUnit = make_unit(WorkSpec(root, (), False, "x", scratch), plan.todo[0])
        message = str(made.problems[0])
        assert f"cannot see {missing} at " in message and "at the same path" in message, message
        assert str(os.getpid()) in message


def test_a_worker_with_other_libraries_names_them(tmp_path: Path) -> None:
    """As the issue found it: "the content or the templates changed while the documents
    were being made". (A worker of a cluster runs this same check, see above.)"""
    from generator.pipeline.building import plan_build
    from generator.pipeline.fingerprint import project_digest

    project = Project.at(copy_project(tmp_path / "project"))
    plan = plan_build(project, BuildOptions(documents=("handout",), **NORD_FR),
                      project_digest(project))
    forget()
    build_side = tuple((name, "0.1" if name == "weasyprint" else value)
                       for name, value in cluster_module.environment())
    spec = WorkSpec(project.root, (), False, "x", tmp_path, environment=build_side)
    message = str(make_unit(spec, plan.todo[0]).problems[0])
    assert f"the worker on {os.uname().nodename} (process {os.getpid()}) runs weasyprint " \
           in message and "where the build has 0.1" in message, message
    assert "every worker needs the same careerdocs, Python and libraries" in message
    assert "changed while" not in message


class CountingPool(ThreadPoolExecutor):
    """Makes the documents in threads (not the main one, like a dask worker's) and counts
    the units that started."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.started = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        def counted() -> Any:
            self.started += 1
            return fn(*args, **kwargs)
        return super().submit(counted)


def test_the_time_limit_holds_in_a_worker_thread(project_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, the limit was a signal, which only the main thread gets: a document made in
    a worker's thread ran as long as it liked."""
    from generator.documents import guide
    from generator.pipeline import runner

    monkeypatch.setattr(runner, "RENDER_SECONDS", 0.5)  # a guide's search takes seconds
    monkeypatch.setattr(guide, "kept_attempt", lambda _key: None)  # not its kept attempt
    with CountingPool() as pool, pytest.raises(CareerdocsError) as failure:
        build(Project.at(project_dir), BuildOptions(documents=("guide",), **NORD_FR),
              executor=pool)
    assert "took more than 0.5 seconds to make" in str(failure.value.problems[0])
    assert not (project_dir / "build" / "demo-nord").exists()


def test_an_interrupted_build_cancels_what_is_not_made(project_dir: Path) -> None:
    """Ctrl-C while the first document is made: the others never start, nothing is
    written, no scratch folder is left, and this process's temporary files go where they
    went before (not into the removed scratch folder: the next command would fail)."""
    before = tempfile.gettempdir()

    def interrupt() -> None:
        raise KeyboardInterrupt

    with CountingPool() as pool:
        with after_first_document(interrupt) as progress, pytest.raises(KeyboardInterrupt):
            build(Project.at(project_dir), BuildOptions(documents=("handout", "comparison"),
                                                        **NORD_FR),
                  progress=progress, executor=pool)
        time.sleep(1)  # what was still queued would start now
    assert pool.started <= 2, pool.started  # the first, and the one running at Ctrl-C
    assert leftovers(project_dir) == [] and not (project_dir / "build" / "demo-nord").exists()
    assert tempfile.gettempdir() == before


def test_a_worker_without_a_memory_limit_gets_one() -> None:
    """A cluster's worker process has no limit of its own: the first document it makes
    sets 2 GB beyond what it holds (the command line's limit, for its own process)."""
    script = ("import resource\nfrom generator.pipeline.runner import _bound_memory\n"
              "assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY\n"
              "size = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
              "_bound_memory()\nsoft = resource.getrlimit(resource.RLIMIT_AS)[0]\n"
              "print(soft - size)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    from generator.limits import RENDER_MEMORY_BYTES
    assert abs(int(done.stdout) - RENDER_MEMORY_BYTES) < 50_000_000, done.stdout
