"""Talking to a running `careerdocs preview` as a browser does (for tests and bench/)."""

from __future__ import annotations

import http.client
import json
import time
import urllib.request
from collections.abc import Callable


def raw_get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client tidies its dots), with this Host."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"{host}:{port}")
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def state(port: int) -> dict:
    """What the page shows now (the server's JSON)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/state", timeout=30) as answer:
        return dict(json.loads(answer.read()))


def wait_for(port: int, ready: Callable[[dict], bool], seconds: float = 60) -> dict:
    """Poll the state every 20 ms until ``ready(state)`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            current = state(port)
            if ready(current):
                return current
        except OSError:
            pass
        time.sleep(0.02)
    raise AssertionError(f"the preview did not get there in {seconds:g} s")
