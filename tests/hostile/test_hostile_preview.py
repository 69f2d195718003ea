"""Requests a web page elsewhere, or a clumsy tool, can send to the preview: each is
refused with its 4xx status before any route runs, and the preview stays up."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from generator.preview.guard import MAX_BODY_BYTES, MAX_HEADER_BYTES
from generator.preview.server import make_app
from generator.preview.session import Preview

from conftest import copy_project

SHOW = {"campus": "demo-nord", "lang": "fr", "name": "guide-pm-vs-po.pdf"}
HOST = "127.0.0.1:8765"
OWN = {"Origin": f"http://{HOST}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("guard")
    preview = Preview(copy_project(root / "p"), root / "out")
    with TestClient(make_app(preview, start=False), base_url=f"http://{HOST}") as client:
        yield client


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},                      # another web site
    {"Origin": "null"},                                      # a sandboxed frame, a file
    {"Origin": "http://127.0.0.1:9999"},                     # another local web app
    {"Origin": "https://127.0.0.1:8765"},                    # not the preview's scheme
    {"Sec-Fetch-Site": "cross-site"},                        # a browser without Origin
    {"Sec-Fetch-Site": "same-site"},                         # a sibling sub-domain
])
def test_a_request_from_another_site_is_refused(client: TestClient,
                                                 headers: dict[str, str]) -> None:
    response = client.post("/api/show", content=json.dumps(SHOW),
                           headers={"Content-Type": "application/json", **headers})
    assert response.status_code == 403, response.text
    assert "other web sites" in response.text


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded",
                                  "multipart/form-data; boundary=x", ""])
def test_what_a_form_can_post_without_asking_is_refused(client: TestClient, kind: str) -> None:
    """A page elsewhere may post these without a CORS preflight: never taken."""
    response = client.post("/api/show", content=json.dumps(SHOW),
                           headers={"Origin": f"http://{HOST}", "Content-Type": kind})
    assert response.status_code == 415, response.text


def test_large_bodies_and_headers_are_refused(client: TestClient) -> None:
    big = json.dumps({**SHOW, "pad": "x" * MAX_BODY_BYTES})
    assert client.post("/api/show", content=big, headers=OWN).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(64):
            yield b" " * 1024

    assert client.post("/api/show", content=chunks(), headers=OWN).status_code == 413
    cookie = {"Cookie": "a=" + "b" * MAX_HEADER_BYTES}
    assert client.get("/api/state", headers=cookie).status_code == 431


@pytest.mark.parametrize("body", ["[" * 5000 + "]" * 5000, '{"campus": ', "\xff\xfe",
                                  "[]", '{"campus": 1, "lang": [], "name": {}}', "null"])
def test_a_malformed_body_gets_a_4xx_and_the_preview_stays_up(client: TestClient,
                                                              body: str) -> None:
    response = client.post("/api/show", content=body.encode("utf-8", "surrogateescape"),
                           headers=OWN)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert "Traceback" not in response.text
    assert client.get("/api/state").status_code == 200


def test_the_previews_own_page_is_served(client: TestClient) -> None:
    """What the page sends (its own Origin, JSON) goes through: a 404 for a document not
    made yet in this preview, never a refusal."""
    response = client.post("/api/show", content=json.dumps(SHOW), headers=OWN)
    assert response.status_code == 404 and response.json() == {"error": "no such document"}
    assert client.post("/api/show", json=SHOW).status_code == 404  # a tool: no Origin
