"""What tests/test_docs.py checks in a Markdown page, as functions that return the problems they
find - so that a test can also show each check catching a wrong page."""

import json
import re
import shlex
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.gen_step_docs import BEGIN_MARKER, END_MARKER
from scripts.markdown_pages import FENCE, fenced_blocks, quoted_body
from zeues_acceptance.contract import violations
from zeues_acceptance.routes import UNKNOWN_ROUTE, route_for
from zeues_acceptance.rules import DEFECTS

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"
CONTRACT_DIR = DOCS_DIR / "contract"  # the contract as received: not ours to check
API_DIR = DOCS_DIR / "api"
PRODUCTION_URL = "https://zeues-backend-mvp-production.up.railway.app"

PLACEHOLDER = re.compile(r"\[(?:X|Y|N) [a-z]+\]|\[timestamp\]|\[hash\]|\[paste [^\]]*\]|"
                         r"\bTBD\b|\bTODO\b|\bFIXME\b|\bX/8\b|\bY%|\[✅/❌\]|\[YES/NO\]")
INLINE_CODE = re.compile(r"`[^`]*`")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
NO_SUCH_FILE = re.compile(r"no such file|does not exist|doesn't exist|there is no|never existed",
                          re.IGNORECASE)
USAGE_KEYS = re.compile(r"active_connections|available_connections|utilization_percent")
USAGE_CONTEXT = re.compile(r"stand-in|\bD9\b")
REDIS_503 = re.compile(r"Redis service unavailable|REDIS_UNAVAILABLE|Redis (?:is )?unavailable",
                       re.IGNORECASE)
NOT_PRODUCTION = re.compile(r"stand-in|designed|\bR22\b|\bD10\b")
CURL_DATA = re.compile(r"(?:-d|--data(?:-raw)?)$")


def checked_docs() -> list[Path]:
    """README.md and every page of docs/ but the contract."""
    pages = [p for p in sorted(DOCS_DIR.rglob("*.md")) if not p.is_relative_to(CONTRACT_DIR)]
    return [REPO_ROOT / "README.md", *pages]


def shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def prose_lines(text: str, *, keep_inline_code: bool = False):
    """(line number, line) outside fenced blocks; inline code removed unless kept."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line if keep_inline_code else INLINE_CODE.sub("", line)


def paragraphs(text: str, *, with_blocks: bool = True) -> list[tuple[int, str]]:
    """(first line, text): prose split at blank lines; each table row and heading on its own;
    a fenced block belongs to the paragraph before it (its caption), or is left out."""
    found, current, start, in_fence = [], [], 0, False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            if with_blocks:
                current.append(line)
            continue
        if in_fence and not with_blocks:
            continue
        alone = not in_fence and (line.startswith("|") or line.startswith("#"))
        if not in_fence and (not line.strip() or alone):
            if current:
                found.append((start, "\n".join(current)))
            current = []
            if alone:
                found.append((number, line))
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        found.append((start, "\n".join(current)))
    return found


# --- quoted bodies -----------------------------------------------------------------------


def body_problems(text: str, where: str) -> list[str]:
    """Every ```json block must be a captioned body, and every captioned body must meet the
    schemas its route names for it - unless its caption marks it as a known defect's."""
    problems = []
    for block in fenced_blocks(text):
        body = quoted_body(block)
        if body is None:
            if block.info == "json":
                problems.append(f"{where}:{block.line}: a JSON block without a caption "
                                f"('Response to `METHOD /path`, status N:')")
            continue
        problems += [f"{where}:{body.line}: {problem}" for problem in _judge_body(body)]
    return problems


def _judge_body(body) -> list[str]:
    unknown = [d for d in body.defects if d not in DEFECTS]
    if unknown:
        return [f"names unknown defects {unknown}"]
    if body.defects:
        return []
    route = route_for(body.method, body.path)
    if body.info == "json":
        messages = [body.text]
    elif body.info == "text" and route.stream:
        messages = [line[len("data: "):] for line in body.text.splitlines() if line.startswith("data: ")]
    else:
        return [f"a captioned {body.info or 'plain'} block: bodies are quoted as ```json"]
    problems = []
    for message in messages:
        try:
            parsed = json.loads(message)
        except json.JSONDecodeError as error:
            problems.append(f"not JSON ({error})")
            continue
        problems += _against_route(body, route, parsed)
    return problems


def _against_route(body, route, parsed) -> list[str]:
    label = f"{body.method} {body.path}"
    if body.kind == "request":
        if route.request_schema is None:
            return [f"{label} takes no request body"]
        broken = violations(route.request_schema, parsed)
        if body.invalid:
            return [] if broken else [f"request to {label} is marked deliberately invalid, "
                                      "yet its schema accepts it"]
        return [f"request to {label}: {v}" for v in broken]
    if body.invalid:
        return ["only a request can be deliberately invalid"]
    if body.status is None:
        return [f"response to {label} without a status"]
    schemas = route.schemas_for(body.status)
    if schemas is None:
        where = "an unknown route" if route is UNKNOWN_ROUTE else route.label
        return [f"{where} never answers {body.status} (mark a defect's body '(known defect Dn)')"]
    return [f"{label} {body.status}: {v}" for v in violations(schemas, parsed)]


def curl_problems(script: str, where: str) -> list[str]:
    """A `curl -X POST URL -d 'JSON'` must send a body its route's request schema accepts."""
    problems = []
    for line in script.replace("\\\n", " ").splitlines():
        if "curl" not in line:
            continue
        words = _shell_words(line)
        data = [words[i + 1] for i, word in enumerate(words[:-1]) if CURL_DATA.match(word)]
        urls = [word for word in words if word.startswith("http")]
        if not data or not urls:
            continue
        route = route_for("POST", urlsplit(urls[0]).path)
        if route.request_schema is None:
            problems.append(f"{where}: POST {urlsplit(urls[0]).path} takes no body the suite knows")
            continue
        try:
            sent = json.loads(data[0])
        except json.JSONDecodeError as error:
            problems.append(f"{where}: curl body is not JSON ({error})")
            continue
        problems += [f"{where}: {route.label}: {v}" for v in violations(route.request_schema, sent)]
    return problems


def _shell_words(line: str) -> list[str]:
    """A command line's words, with `;`, `&` and `|` apart from the words they touch."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split, lexer.commenters = True, "#"
    return list(lexer)


# --- links -------------------------------------------------------------------------------


def relative_links(text: str):
    """(line number, target) of each link that is no URL: file, file#anchor, #anchor."""
    for number, line in prose_lines(text):
        for target in INLINE_LINK.findall(line) + REFERENCE_LINK.findall(line):
            if not URL_SCHEME.match(target):
                yield number, target


def link_target(path: Path, target: str) -> Path:
    file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return (path.parent / file_part).resolve() if file_part else path


def link_problems(path: Path, text: str, tracked: set[str]) -> list[str]:
    """Links that leave the repository or lead to nothing a fresh clone has (git's files)."""
    problems = []
    for number, target in relative_links(text):
        linked = link_target(path, target)
        if not linked.is_relative_to(REPO_ROOT):
            problems.append(f"{shown(path)}:{number}: {target} leaves the repository")
            continue
        relative = linked.relative_to(REPO_ROOT).as_posix()
        if relative not in tracked and not any(f.startswith(relative + "/") for f in tracked):
            problems.append(f"{shown(path)}:{number}: {target} -> {relative} is not in a clone")
    return problems


def heading_anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings, duplicates numbered as GitHub numbers them."""
    anchors, seen = set(), {}
    for _, line in prose_lines(text, keep_inline_code=True):
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


# --- claims the real code contradicts ----------------------------------------------------


def split_generated(path: Path, text: str) -> tuple[str, str]:
    """(hand-written part, generated part) of a page, each with the other's lines blanked so
    that line numbers stay true: docs/api/ is generated whole, a page with step markers
    between them."""
    if path.is_relative_to(API_DIR):
        return "", text
    lines, hand, generated, inside = text.splitlines(), [], [], False
    for line in lines:
        if line.strip() == END_MARKER:
            inside = False
        (generated if inside else hand).append(line)
        (hand if inside else generated).append("")
        if line.strip() == BEGIN_MARKER:
            inside = True
    return "\n".join(hand), "\n".join(generated)


def claim_problems(text: str, where: str, *, generated: bool = False) -> list[str]:
    """Paragraphs that name redis_client.py as existing, promise usage figures from production's
    stats, or a 503 from production for Redis trouble. A generated page's field rows and
    quoted examples are the schemas' own, judged with the schema's description on that page,
    not one by one."""
    problems = []
    for line, paragraph in paragraphs(text, with_blocks=not generated):
        if generated and paragraph.startswith("| `"):
            continue
        if "redis_client.py" in paragraph and not NO_SUCH_FILE.search(paragraph):
            problems.append(f"{where}:{line}: names redis_client.py without saying it does not exist")
        if USAGE_KEYS.search(paragraph) and not USAGE_CONTEXT.search(paragraph):
            problems.append(f"{where}:{line}: names the pool usage keys without saying only the "
                            "stand-in reports them (production never does: D9)")
        if re.search(r"\b503\b", paragraph) and REDIS_503.search(paragraph) and \
                not NOT_PRODUCTION.search(paragraph):
            problems.append(f"{where}:{line}: a 503 for Redis trouble without saying it is the "
                            "stand-in's (production answers 500: D10)")
    return problems
