"""What the preview answers before any route: a request from another web site, or one
too large or malformed, is refused with its 4xx status, and the server stays up.

The preview listens on 127.0.0.1, but any web page the user has open can make the
browser send requests there. A page elsewhere can post a form or a "simple" request
without asking first; it cannot set a JSON content type or hide its ``Origin``. So a
request that changes what the preview shows must come from the preview's own page:
its ``Origin`` (or, from browsers that send no Origin, its ``Sec-Fetch-Site``) names
the preview itself, and its body is JSON of a few kilobytes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 16_384  # the page sends a campus, a language and a file name
MAX_HEADER_BYTES = 16_384  # a browser's headers, cookies of localhost included
SAFE_METHODS = ("GET", "HEAD")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class RequestGuard:
    """ASGI middleware in front of the preview's routes (see the module's description)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = refused(scope)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _limited(receive), tracked)
        except BodyTooLarge:
            if not started:
                await _answer(send, 413, "request too large")


def refused(scope: Scope) -> tuple[int, str] | None:
    """The status and reason a request is refused with before its body is read, or None."""
    headers = {name.decode("latin-1").lower(): value.decode("latin-1")
               for name, value in scope.get("headers", [])}
    if sum(len(name) + len(value) for name, value in scope.get("headers", [])) > MAX_HEADER_BYTES:
        return 431, "request headers too large"
    if scope["method"] in SAFE_METHODS:
        return None
    if not _from_this_page(headers):
        return 403, "requests from other web sites are refused"
    if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return 415, "the preview takes JSON only"
    length = headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        return 413, "request too large"
    return None


def _from_this_page(headers: dict[str, str]) -> bool:
    """Sent by the preview's own page: its Origin is the preview (the host the request
    is addressed to, itself one of 127.0.0.1 and localhost, checked before)."""
    origin = headers.get("origin")
    if origin is None:  # browsers send Origin with every POST; tools send neither
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    parts = urlsplit(origin)
    return (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
            and parts.netloc == headers.get("host", ""))


def _limited(receive: Receive) -> Receive:
    """``receive``, refusing a body that grows past the limit as it comes (a request
    without a Content-Length, sent in chunks)."""
    total = 0

    async def guarded() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > MAX_BODY_BYTES:
                raise BodyTooLarge
        return message

    return guarded


class BodyTooLarge(Exception):
    """A body past the limit, found while it was read."""


async def _answer(send: Send, status: int, reason: str) -> None:
    body = reason.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
