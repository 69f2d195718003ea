"""Time limits for rendering: no template loop or layout can make a build hang.

On Linux and in the main thread (the command line, the tests, a build worker), a
timer interrupts the Python code that renders a document once its time is up:
Jinja's templates and WeasyPrint's layout are Python, so the interruption lands
wherever they are. In another thread (a dask worker's, the preview's) a timer thread
raises the same exception in the rendering thread (``PyThreadState_SetAsyncExc``): it
lands at the next line of Python the thread runs, so the limit holds there too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RenderTimeout(BaseException):
    """A document took longer to render than its limit. Like KeyboardInterrupt, it is
    not an Exception: the ``except Exception`` of a library (WeasyPrint logs and goes
    on after many errors) must not swallow it, or a document would finish long after
    its limit, or not at all."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in this block once ``seconds`` have passed."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        with _thread_deadline(seconds):
            yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise RenderTimeout(f"took more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in this (non-main) thread once ``seconds`` passed."""
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    done = threading.Event()
    exception = ctypes.py_object(RenderTimeout)

    def expire() -> None:
        if not done.wait(seconds):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, exception)

    timer = threading.Thread(target=expire, daemon=True, name="careerdocs-deadline")
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.join()
        # The exception may have been set just as the block ended: withdraw it.
        ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
