"""How long `careerdocs preview` takes from a saved file to the new picture of the page.

Starts the preview on a copy of the demo (its own process, as a user starts it), waits
for the brochure (demo-nord's French guide), then edits the Product Owner's hook several
times: first a word (the text keeps its length), then a growing sentence (the text
after it moves, and the notes that end the guide are planned again). For each save: the
time until the server has the new version, then until the picture of the PO's page has
been served, as a browser asks for it.

    .venv/bin/python bench/preview.py [--edits 7] [--port 8791]

Target (issue 16): at most 2 s from save to new picture, for a brochure.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from previewclient import state, wait_for  # noqa: E402

HOOK = "Le rôle clé des méthodologies agiles"


def get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return bytes(response.read())


def po_page(port: int, pages: int) -> int:
    """The page of the PO's role: the one whose picture changes with its hook."""
    return min(4, pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in ("content", "templates"):
            shutil.copytree(REPO / part, project / part)
        server = subprocess.Popen([sys.executable, "-m", "generator", "preview", "--project",
                                   str(project), "--no-browser", "--port", str(args.port)],
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            started = time.monotonic()
            first = wait_for(args.port, lambda s: s["version"] >= 1 and not s["rendering"], 120)
            print(f"first brochure on screen: {time.monotonic() - started:.2f} s "
                  f"({first['pages']} pages, {first['choice']['name']})")
            measure(project, args.port, args.edits)
        finally:
            server.terminate()
            server.wait(timeout=10)


def measure(project: Path, port: int, edits: int) -> None:
    role = project / "content/roles/po.yaml"
    original = role.read_text(encoding="utf-8")
    for label, texts in (
            ("a word changed", [f"{HOOK} ({n})" for n in range(1, edits + 1)]),
            ("a sentence growing", [HOOK + " et de l'équipe" * n
                                    for n in range(1, edits + 1)])):
        made, served = [], []
        for text in texts:
            before = state(port)
            role.write_text(original.replace(HOOK, text, 1), encoding="utf-8")
            saved = time.monotonic()
            after = wait_for(port, lambda s, v=before["version"]: s["version"] > v
                             and not s["rendering"])
            made.append(time.monotonic() - saved)
            get(port, f"/page/{po_page(port, after['pages'])}.png?v={after['version']}")
            served.append(time.monotonic() - saved)
            time.sleep(0.5)
        print(f"{label}, {edits} saves:")
        print(f"  save → new version on the server   median {statistics.median(made):.2f} s, "
              f"max {max(made):.2f} s")
        print(f"  save → new picture served          median {statistics.median(served):.2f} s, "
              f"max {max(served):.2f} s   target ≤ 2 s")


if __name__ == "__main__":
    main()
