"""Pieces the documentation generators and the doc tests share: table cells, repo paths, and
the one way a page quotes an HTTP body.

A quoted body is a fenced block whose previous non-blank line is its caption:

    Response to `POST /api/occupation/tomar`, status 500 (known defect D4), recorded as `x`:
    ```json
    {"detail": "Internal server error: Cannot TOMAR ARM - operation already completed"}
    ```

The caption names the route and, for an answer, the status, so tests/test_docs.py can check the
body against schemas/; "(known defect D4)" marks a body only a defect produces, which is then
exempt; "deliberately invalid" marks a request sent to see it refused, which must then break
its schema. A ```text block captioned for the live stream holds raw stream text: its `data:`
lines are the bodies.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

CAPTION = re.compile(
    r"^(?P<kind>Request to|Response to) `(?P<method>[A-Z]+) (?P<path>[^`\s]+)`"
    r"(?:, status (?P<status>\d{3}))?(?P<rest>.*):\s*$")
KNOWN_DEFECTS = re.compile(r"\(known defects? (?P<ids>D\d{1,2}(?:(?:, | and )D\d{1,2})*)\b")
DELIBERATELY_INVALID = "deliberately invalid"
FENCE = re.compile(r"^\s{0,3}(```|~~~)\s*(?P<info>\S*)")


class GeneratorError(Exception):
    """The sources hold something a generator cannot describe faithfully."""


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def repo_relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def table_lines(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def defect_words(defects) -> str:
    """' (known defect D4)', ' (known defects D6 and D7)' or ''."""
    ids = list(defects)
    if not ids:
        return ""
    if len(ids) == 1:
        return f" (known defect {ids[0]})"
    return f" (known defects {', '.join(ids[:-1])} and {ids[-1]})"


def caption(kind: str, method: str, path: str, status: int | None = None, *,
            defects=(), invalid: bool = False, note: str = "") -> str:
    """A body's caption line; kind is "request" or "response"."""
    head = f"{'Request to' if kind == 'request' else 'Response to'} `{method} {path}`"
    if status is not None:
        head += f", status {status}"
    head += defect_words(defects) + (f", {DELIBERATELY_INVALID}" if invalid else "")
    return head + (f", {note}" if note else "") + ":"


def json_block(body) -> list[str]:
    return ["```json", json.dumps(body, indent=2, ensure_ascii=False), "```"]


@dataclass(frozen=True)
class QuotedBody:
    """One captioned block of a page."""

    line: int  # of the opening fence
    kind: str  # "request" or "response"
    method: str
    path: str
    status: int | None
    defects: tuple[str, ...]
    invalid: bool  # a request sent to be refused
    info: str  # the fence's language: json, text ...
    text: str  # the block's content


@dataclass(frozen=True)
class Block:
    line: int
    info: str
    text: str
    caption: str  # the previous non-blank line, "" if none


def fenced_blocks(markdown: str) -> list[Block]:
    """Every fenced block with the non-blank line before it."""
    blocks, lines = [], markdown.splitlines()
    number, previous = 0, ""
    while number < len(lines):
        opening = FENCE.match(lines[number])
        if not opening:
            if lines[number].strip():
                previous = lines[number]
            number += 1
            continue
        fence, start, body = opening.group(1), number, []
        number += 1
        while number < len(lines) and not lines[number].lstrip().startswith(fence):
            body.append(lines[number])
            number += 1
        blocks.append(Block(start + 1, opening.group("info"), "\n".join(body), previous))
        previous, number = "", number + 1
    return blocks


def quoted_body(block: Block) -> QuotedBody | None:
    """The block as a quoted body, if its caption says it is one."""
    match = CAPTION.match(block.caption.strip())
    if not match:
        return None
    defects = KNOWN_DEFECTS.search(match.group("rest"))
    return QuotedBody(
        line=block.line, kind="request" if match.group("kind") == "Request to" else "response",
        method=match.group("method"), path=match.group("path"),
        status=int(match.group("status")) if match.group("status") else None,
        defects=tuple(re.findall(r"D\d{1,2}", defects.group("ids"))) if defects else (),
        invalid=DELIBERATELY_INVALID in match.group("rest"), info=block.info, text=block.text)
