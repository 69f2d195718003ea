"""``python -m generator`` is the ``careerdocs`` command."""

from .cli import run

run()
