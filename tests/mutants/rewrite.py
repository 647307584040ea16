"""ASGI middleware that rewrites one endpoint's JSON response on the way out.

A fault that only changes what goes over the wire is a function of the JSON body, so it
never needs to know how the stand-in computes the answer.
"""

import json
import re
from collections.abc import Callable

JsonRewrite = Callable[[object], object]


def _with_content_length(headers: list[tuple[bytes, bytes]], body: bytes) -> list:
    kept = [(name, value) for name, value in headers if name.lower() != b"content-length"]
    return [*kept, (b"content-length", str(len(body)).encode())]


class RewriteResponseJson:
    """Send the client `rewrite(body)` instead of a 200 JSON answer; other statuses pass."""

    def __init__(self, app, *, method: str, path: str, rewrite: JsonRewrite):
        self.app = app
        self.method = method
        self.path = re.compile(path)
        self.rewrite = rewrite

    def matches(self, scope) -> bool:
        return (scope["type"] == "http" and scope["method"] == self.method
                and self.path.fullmatch(scope["path"]) is not None)

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
