"""ASGI middleware that rewrites one endpoint's JSON request or response on the way through.

A fault that only changes what goes over the wire is a function of the JSON body, so it
never needs to know how the stand-in computes the answer.
"""

import json
import re
from collections.abc import Callable

JsonRewrite = Callable[[object], object]


def _with_content_length(headers: list[tuple[bytes, bytes]], body: bytes) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() != b"content-length"]
    return [*kept, (b"content-length", str(len(body)).encode())]


class _Matcher:
    def __init__(self, app, *, method: str, path: str, rewrite: JsonRewrite):
        self.app = app
        self.method = method
        self.path = re.compile(path)
        self.rewrite = rewrite

    def matches(self, scope) -> bool:
        return (scope["type"] == "http" and scope["method"] == self.method
                and self.path.fullmatch(scope["path"]) is not None)


class RewriteRequestJson(_Matcher):
    """Hand the app `rewrite(body)` instead of the JSON object the client sent.

    Bodies that are not a JSON object pass through untouched; an exception raised by
    `rewrite` escapes to the server, which answers 500.
    """

    async def __call__(self, scope, receive, send):
        if not self.matches(scope):
            return await self.app(scope, receive, send)
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        try:
            sent = json.loads(body)
        except ValueError:
            sent = None
        if isinstance(sent, dict):
            body = json.dumps(self.rewrite(sent)).encode()
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        scope = {**scope, "headers": _with_content_length(scope["headers"], body)}
        await self.app(scope, replay, send)


class RewriteResponseJson(_Matcher):
    """Send the client `rewrite(body)` instead of a 200 JSON answer; other statuses pass."""

    async def __call__(self, scope, receive, send):
        if not self.matches(scope):
            return await self.app(scope, receive, send)
        start: dict = {}
        chunks: list[bytes] = []

        async def rewrite_then_send(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                return await send(message)
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if start["status"] == 200:
                body = json.dumps(self.rewrite(json.loads(body))).encode()
            await send({**start, "headers": _with_content_length(start["headers"], body)})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, rewrite_then_send)
