"""What a process keeps between documents (:mod:`generator.memory`): bounded stores in
one place, and no other module of careerdocs keeping state of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.memory import Kept, forget, kept

from conftest import REPO

# The only module-level containers careerdocs fills as it runs: the stores themselves,
# the table of kinds of documents, and what went wrong finding them (both filled once,
# when careerdocs starts).
ALLOWED = {("generator/memory.py", "_STORES"), ("generator/documents/registry.py", "_KINDS"),
           ("generator/documents/__init__.py", "_PROBLEMS")}
EMPTY_MAKERS = {"dict", "list", "set", "OrderedDict", "defaultdict", "Counter", "deque"}


def test_a_store_keeps_the_most_recently_used_within_its_bound() -> None:
    store: Kept[str, int] = Kept(2)
    store.put("a", 1), store.put("b", 2)
    assert store.get("a") == 1  # "a" used last: "b" goes first
    store.put("c", 3)
    assert (store.get("b"), store.get("a"), store.get("c"), len(store)) == (None, 1, 3, 2)
    assert store.made("d", lambda: 4) == 4 and store.made("d", lambda: 5) == 4


def test_stores_are_found_by_name_and_forgotten_together() -> None:
    first: Kept[str, int] = kept("test store one", 3)
    second: Kept[str, int] = kept("test store two", 3)
    first.put("x", 1), second.put("y", 2)
    assert kept("test store one", 3) is first
    forget()
    assert (len(first), len(second)) == (0, 0)


def _empty_containers(tree: ast.Module) -> set[str]:
    """Names a module binds, at its top level, to a container made empty (to be filled)."""
    found = set()
    for node in tree.body:
        targets, value = ((node.targets, node.value) if isinstance(node, ast.Assign) else
                          ([node.target], node.value) if isinstance(node, ast.AnnAssign)
                          else ([], None))
        empty = isinstance(value, ast.Dict | ast.List | ast.Set) and not (
            getattr(value, "keys", None) or getattr(value, "elts", None))
        made = isinstance(value, ast.Call) and getattr(value.func, "id", getattr(
            value.func, "attr", "")) in EMPTY_MAKERS and not (value.args or value.keywords)
        if empty or made:
            found |= {target.id for target in targets if isinstance(target, ast.Name)}
    return found


def test_no_module_keeps_state_of_its_own() -> None:
    """Every cache of a process is a store of generator/memory.py: a module-level dict
    or list made empty, to be filled as careerdocs runs, is refused anywhere else."""
    found = {(str(path.relative_to(REPO)), name)
             for path in sorted((REPO / "generator").rglob("*.py"))
             for name in _empty_containers(ast.parse(path.read_text()))}
    assert found == ALLOWED, found - ALLOWED


def test_the_check_finds_state_where_there_is(tmp_path: Path) -> None:
    tree = ast.parse("A = {}\nB: list[int] = []\nC = OrderedDict()\nD = {'x': 1}\n"
                     "E = dict(x=1)\ndef f():\n    G = {}\n")
    assert _empty_containers(tree) == {"A", "B", "C"}
