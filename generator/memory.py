"""What a careerdocs process keeps from one document to the next: the one place for
state that outlives a call.

A worker process makes many documents of one build; the preview makes the same guide
again and again; a visitors' worker makes hundreds of guides that share a layout. Each
keeps here, under a name, what is dear to make again:

=====================  ==============================================  =====
name                   what                                            bound
=====================  ==============================================  =====
``build contexts``     the checked content of the builds a worker      2
                       works for (a forked worker inherits its build's)
``guide notes``        the notes of each guide's last layout: the      64
                       guess its next layout starts from
``visitor contents``   a visitors' worker's checked content            2
``visitor layouts``    the guides laid out for the visitors who share  4
                       them (each weighs tens of MB)
``lint findings``      the linter's findings on the project's files,   4
                       by their digest
=====================  ==============================================  =====

Everything here is a cache: bounded, keyed by everything it depends on, and never
needed for a right answer (a document made without it has the same bytes). ``forget()``
empties it all.
"""

from __future__ import annotations

import atexit
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """At most ``size`` values by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        if key not in self._values:
            return None
        self._values.move_to_end(key)
        return self._values[key]

    def put(self, key: K, value: V) -> V:
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)
        return value

    def made(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else the one ``make`` gives, kept."""
        found = self.get(key)
        return self.put(key, make()) if found is None else found

    def items(self) -> list[tuple[K, V]]:
        return list(self._values.items())

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


_STORES: dict[str, Kept[object, object]] = {}  # this process's; see the table above
# Emptied before the interpreter takes its modules apart: a kept layout holds WeasyPrint's
# font configuration, whose clean-up needs its module still there.
atexit.register(lambda: forget())


def kept(name: str, size: int) -> Kept[K, V]:
    """The store called ``name`` of this process (made at its first use)."""
    store = _STORES.setdefault(name, Kept(size))
    return store  # type: ignore[return-value]


def forget() -> None:
    """Empty every store (a test that wants a process that has made nothing yet)."""
    for store in _STORES.values():
        store.clear()
