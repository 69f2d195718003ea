"""Time limits for rendering: no template loop or layout can make a build hang.

On Linux and in the main thread (the command line, the tests, a build worker), a
timer interrupts the Python code that renders a document once its time is up:
Jinja's templates and WeasyPrint's layout are Python, so the interruption lands
wherever they are. Elsewhere (another thread) rendering runs without a timer.
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
    usable = (hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
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
