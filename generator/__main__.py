"""``python -m generator`` is the ``careerdocs`` command."""

from .cli import main

main(prog_name="careerdocs")
