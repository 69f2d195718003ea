"""The preview's web server: a page, the document's pages as pictures, a download, the
files of a site the preview made, and a stream of updates; nothing else. It listens on
127.0.0.1 only and answers only requests addressed to localhost (a web page elsewhere
cannot reach it through a name of its own: DNS rebinding); of the requests that change
what it shows, only its own page's (:mod:`.guard`: other origins, other content types,
large bodies and headers are refused). No address is ever read as a file name: the
pages come from the document on screen, the download is that document, a site's file
is one the project declares.

Starlette and uvicorn (well kept, small, asyncio) serve it; watchfiles watches
``content/`` and ``templates/`` with the system's file notifications.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from .guard import RequestGuard
from .session import Preview

HOSTS = ["127.0.0.1", "localhost"]
HEARTBEAT_SECONDS = 15.0
MAX_PREVIEWS = 10  # projects whose preview documents are kept in the user's cache
MEDIA = {".pdf": "application/pdf",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".woff2": "font/woff2",
         ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
         ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
# A site's page is shown in a frame of its own origin (sandboxed: its scripts cannot
# reach the preview's controls), loading only files of the preview, as on a web server.
SITE_HEADERS = {"Content-Security-Policy": "sandbox allow-scripts allow-downloads; "
                "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                "font-src 'self'; form-action 'self'; base-uri 'none'",
                "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def make_app(preview: Preview, watch: bool = True, start: bool = True) -> Starlette:
    """The web application of one preview (``watch``: make it again when files change;
    ``start``: make documents at all, which the tests of its routes alone do without)."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(preview.run())] if start else []
        if watch and start:
            tasks.append(asyncio.create_task(watch_project(preview)))
        preview.want(relist=True)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            preview.close()

    async def page(_request: Request) -> Response:
        return HTMLResponse(files(__package__).joinpath("page.html").read_text("utf-8"),
                            headers={"Cache-Control": "no-store"})

    async def state(_request: Request) -> Response:
        return JSONResponse(preview.state())

    async def show(request: Request) -> Response:
        try:
            asked = await request.json()
            found = preview.show(str(asked["campus"]), str(asked["lang"]), str(asked["name"]))
        except RecursionError:  # JSON nested thousands of levels deep: not the page's
            return JSONResponse({"error": "malformed request"}, status_code=400)
        except (ValueError, KeyError, TypeError):
            found = False
        if not found:
            return JSONResponse({"error": "no such document"}, status_code=404)
        preview.publish()
        return JSONResponse(preview.state())

    def picture(request: Request) -> Response:
        png = preview.page_png(int(request.path_params["number"]))
        if png is None:
            return Response("no such page", status_code=404, media_type="text/plain")
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    def download(_request: Request) -> Response:
        if preview.file is None or not preview.file.is_file():
            return Response("nothing to download yet", status_code=404, media_type="text/plain")
        name = preview.file.name
        return Response(preview.file.read_bytes(), media_type=MEDIA.get(preview.file.suffix),
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def served(request: Request) -> Response:
        found = preview.served_file(*(str(request.path_params[name])
                                      for name in ("campus", "lang", "name")))
        if found is None:
            return Response("no such file", status_code=404, media_type="text/plain")
        headers = dict(SITE_HEADERS)
        if found.suffix == ".woff2":  # a sandboxed page's origin is "null": fonts need CORS
            headers["Access-Control-Allow-Origin"] = "null"
        return Response(found.read_bytes(), media_type=MEDIA.get(found.suffix.lower(),
                                                                 "application/octet-stream"),
                        headers=headers)

    async def events(request: Request) -> Response:
        return StreamingResponse(stream(preview, request), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    routes = [Route("/", page), Route("/api/state", state), Route("/api/show", show,
                                                                    methods=["POST"]),
              Route("/page/{number:int}.png", picture), Route("/download", download),
              Route("/out/{campus}/{lang}/{name:path}", served),
              Route("/events", events)]
    return Starlette(routes=routes, lifespan=lifespan,
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=HOSTS),
                                 Middleware(RequestGuard)])


async def stream(preview: Preview, request: Request) -> AsyncIterator[str]:
    """Server-sent events: the state now, then at each change; a comment line now and
    then, so that a closed page is noticed."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    preview.listeners.add(queue)
    try:
        yield f"data: {json.dumps(preview.state())}\n\n"
        while not await request.is_disconnected():
            try:
                state = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                yield ": still here\n\n"
                continue
            yield f"data: {json.dumps(state)}\n\n"
    finally:
        preview.listeners.discard(queue)


async def watch_project(preview: Preview) -> None:
    """Make the document again whenever a file of content/ or templates/ changes."""
    from watchfiles import awatch

    folders = [preview.root / "content", preview.root / "templates"]
    async for _changes in awatch(*[f for f in folders if f.is_dir()], debounce=400, step=50):
        preview.want(relist=True)


def serve(preview: Preview, port: int, on_ready: Any = None) -> None:
    """Serve the preview on 127.0.0.1:``port`` until Ctrl-C."""
    import uvicorn

    config = uvicorn.Config(make_app(preview), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    if on_ready is not None:
        original = server.startup

        async def startup(sockets: Any = None) -> None:
            await original(sockets)
            on_ready()

        server.startup = startup  # type: ignore[method-assign]
    server.run()


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on ``port`` (another program has it), or None."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            return (f"cannot listen on port {port} ({error.strerror}): another program uses "
                    "it; choose another with --port")
    return None


def default_output(root: Path) -> Path:
    """Where the preview keeps its documents: the user's cache, one folder per project
    (never build/, which holds the documents a build published)."""
    import hashlib

    from ..usercache import cache_dir, prune

    prune(cache_dir("preview"), MAX_PREVIEWS)
    return cache_dir("preview") / hashlib.sha256(str(root).encode()).hexdigest()[:16]
