"""Time limits for rendering: no template loop or layout can make a build hang.

On Linux and in the main thread (the command line, the tests, a build worker), a
timer interrupts the Python code that renders a document once its time is up:
Jinja's templates and WeasyPrint's layout are Python, so the interruption lands
wherever they are. In another thread (a dask worker's, the preview's) a timer thread
raises the same exception in the rendering thread (``PyThreadState_SetAsyncExc``): it
lands at the next line of Python the thread runs, so the limit holds there too.

An interruption can land where Python swallows exceptions: in a weak reference's
callback or a ``__del__`` run by the garbage collector, it is printed as "ignored" and
the code goes on. So once the time is up the interruption is repeated every
:data:`REPEAT_SECONDS` until the block ends (for :data:`REPEATS_FOR_SECONDS` at most), and
a block that ends after its limit without having been stopped raises at its end.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

REPEAT_SECONDS = 0.2
# The repeats stop this long after the limit, whatever happens: one that landed where the
# timer is being stopped must not leave it interrupting the rest of the process.
REPEATS_FOR_SECONDS = 5.0


class RenderTimeout(BaseException):
    """A document took longer to render than its limit. Like KeyboardInterrupt, it is
    not an Exception: the ``except Exception`` of a library (WeasyPrint logs and goes
    on after many errors) must not swallow it, or a document would finish long after
    its limit, or not at all."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in this block once ``seconds`` have passed."""
    ends = time.monotonic() + seconds
    in_main = threading.current_thread() is threading.main_thread()
    guard = _signal_deadline if in_main and hasattr(signal, "setitimer") else \
        _thread_deadline
    with guard(seconds):
        yield
    if time.monotonic() >= ends:  # every interruption was swallowed on the way
        raise _timeout(seconds)


def _timeout(seconds: float) -> RenderTimeout:
    """The exception that stops a render, saying its limit."""
    return RenderTimeout(f"took more than {seconds:g} seconds")


@contextmanager
def _signal_deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in the main thread, by SIGALRM, then again every
    :data:`REPEAT_SECONDS` until the block ends."""
    last = time.monotonic() + seconds + REPEATS_FOR_SECONDS

    def expire(_signal: int, _frame: object) -> None:
        if time.monotonic() > last:  # the repeats are over (see REPEATS_FOR_SECONDS)
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        raise _timeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        _until_done(lambda: _stop_signal(previous))


def _stop_signal(previous: Any) -> None:
    """Stop the timer, then give SIGALRM back to its previous handler."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _until_done(stop: Callable[[], None]) -> None:
    """Run ``stop`` to its end: a repeated interruption may land in it, before the
    timer is stopped, and must not leave the timer running."""
    while True:
        try:
            stop()
            return
        except RenderTimeout:
            continue


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in this (non-main) thread once ``seconds`` passed,
    then again every :data:`REPEAT_SECONDS` until the block ends."""
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    done = threading.Event()
    exception = ctypes.py_object(RenderTimeout)

    def expire() -> None:
        wait, repeats = seconds, round(REPEATS_FOR_SECONDS / REPEAT_SECONDS)
        while not done.wait(wait) and repeats >= 0:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, exception)
            wait, repeats = REPEAT_SECONDS, repeats - 1

    timer = threading.Thread(target=expire, daemon=True, name="careerdocs-deadline")
    timer.start()

    def stop() -> None:
        done.set()
        timer.join()
        # The exception may have been set just as the block ended: withdraw it.
        ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)

    try:
        yield
    finally:
        _until_done(stop)
