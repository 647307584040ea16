"""The docs stay true: the API reference matches schemas/, the runbook's local commands run
against a real stand-in, no placeholder is left behind, and relative links lead somewhere."""

import os
import re
import shutil
import signal
import subprocess
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import unquote

from scripts.gen_api_docs import API_DOCS_DIR, HEADER, expected_files, stale_files, write_files
from standin.runner import running_standin

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"
RUNBOOK = DOCS_DIR / "runbooks" / "redis-troubleshooting.md"
RUNBOOK_LOCAL_URL = "http://127.0.0.1:8000"
LOCAL_BLOCK_MARKER = "# local stand-in"
BLOCK_TIMEOUT_SECONDS = 60
PLACEHOLDER = re.compile(r"\[X [a-z]+\]|\[timestamp\]|\[hash\]|\bTBD\b|\bTODO\b|X/8")
# Written by others while this suite is being built; until they land, links to them fail.
MAY_BE_MISSING_FOR_NOW = ("features/*.feature", "docs/writing-scenarios.md", "docs/performance.md")

FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def markdown_docs() -> list[Path]:
    return sorted(DOCS_DIR.rglob("*.md"))


def prose_lines(path: Path, *, keep_inline_code: bool = False):
    """(line number, line) outside fenced code blocks; inline code removed unless kept."""
    in_fence = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line.lstrip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line if keep_inline_code else INLINE_CODE.sub("", line)


def relative_links(path: Path):
    """(line number, target) of each link in `path` that is no URL: file, file#anchor, #anchor."""
    for number, line in prose_lines(path):
        for target in INLINE_LINK.findall(line) + REFERENCE_LINK.findall(line):
            if not URL_SCHEME.match(target):
                yield number, target


def link_file(path: Path, target: str) -> Path:
    """The file a link leads to; a bare '#anchor' leads to `path` itself."""
    file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return (path.parent / file_part).resolve() if file_part else path


def heading_anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of `path`, duplicates numbered as GitHub numbers them."""
    anchors, seen = set(), {}
    for _, line in prose_lines(path, keep_inline_code=True):  # a heading's code is in its anchor
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


# --- the generated API reference ------------------------------------------------------


def test_api_reference_is_up_to_date():
    assert stale_files() == [], "run: python scripts/gen_api_docs.py"


def test_check_reports_stale_missing_and_extra_files(tmp_path):
    write_files(tmp_path)
    assert stale_files(tmp_path) == []
    (tmp_path / "history.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "workers.md").unlink()
    (tmp_path / "notes.md").write_text("not generated\n", encoding="utf-8")

    problems = stale_files(tmp_path)

    assert any("history.md" in p and "stale" in p for p in problems), problems
    assert any("workers.md" in p and "missing" in p for p in problems), problems
    assert any("notes.md" in p and "extra" in p for p in problems), problems
    assert len(problems) == 3, problems


def test_every_generated_file_carries_the_header():
    for name, content in expected_files().items():
        assert content.splitlines()[0] == HEADER, name


def test_docs_index_links_the_api_reference():
    assert "(api/README.md)" in (DOCS_DIR / "README.md").read_text(encoding="utf-8")


def table_row(page: str, field: str) -> list[str]:
    for line in page.splitlines():
        if line.startswith(f"| `{field}` |"):
            return [c.strip() for c in line.strip("|").split(" | ")]
    raise AssertionError(f"no table row for {field}")


def section(page: str, heading: str) -> str:
    match = re.search(rf"^{re.escape(heading)}\n(.*?)(?=^## |\Z)", page, re.S | re.M)
    assert match, f"no section {heading!r}"
    return match.group(1)


def test_completar_page_states_what_the_incident_got_wrong():
    page = (API_DOCS_DIR / "occupation-completar.md").read_text(encoding="utf-8")
    request = section(page, "## Request body")

    _, _, fecha_required, fecha_constraints, _ = table_row(request, "fecha_operacion")
    assert fecha_required == "required"
    assert "format `date` (YYYY-MM-DD)" in fecha_constraints

    _, _, resultado_required, resultado_constraints, _ = table_row(request, "resultado")
    assert resultado_required == "required only when `operacion` is `METROLOGIA`"
    assert "`APROBADO`, `RECHAZADO`" in resultado_constraints

    errors = section(page, "## Errors")
    statuses = {line.split("|")[1].strip() for line in errors.splitlines() if line.startswith("| ")}
    assert {"422", "403", "409"} <= statuses
    for error_code in ["NOT_OWNER", "SPOOL_NOT_OCCUPIED", "SPOOL_OCCUPIED",
                       "DEPENDENCY_NOT_MET", "OPERATION_COMPLETED"]:
        assert f"`{error_code}`" in errors


# --- the runbook ------------------------------------------------------------------------


def local_runbook_blocks() -> list[tuple[int, str]]:
    """(line number, script) of each ```bash block whose first line is `# local stand-in`."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(RUNBOOK.read_text(encoding="utf-8").splitlines(), start=1):
        if current is None and line.strip() == "```bash":
            current, start = [], number
        elif current is not None and line.strip() == "```":
            if current and current[0].strip() == LOCAL_BLOCK_MARKER:
                blocks.append((start, "\n".join(current) + "\n"))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def run_block(script: str) -> subprocess.CompletedProcess:
    """Run one block under strict bash in its own process group, killed whole on timeout."""
    process = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=BLOCK_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        stderr += f"\n(killed after {BLOCK_TIMEOUT_SECONDS} s)"
        return subprocess.CompletedProcess(process.args, -signal.SIGKILL, stdout, stderr)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_runbook_local_commands_run_against_the_standin():
    blocks = local_runbook_blocks()
    assert blocks, f"no ```bash block starting with {LOCAL_BLOCK_MARKER!r} in {shown(RUNBOOK)}"
    for tool in ("curl", "python3"):
        assert shutil.which(tool), f"the runbook's local commands need {tool} on PATH"

    failures = []
    with running_standin(testing=True) as standin:
        for line, script in blocks:  # in document order: later blocks read what earlier ones made
            result = run_block(script.replace(RUNBOOK_LOCAL_URL, standin.base_url))
            if result.returncode != 0 or not result.stdout.strip():
                failures.append(
                    f"{shown(RUNBOOK)}:{line} exited {result.returncode}, "
                    f"stdout {result.stdout[-400:]!r}, stderr {result.stderr[-400:]!r}"
                )
    assert not failures, "\n".join(failures)


# --- every doc --------------------------------------------------------------------------


def test_no_placeholders_in_docs():
    readme = REPO_ROOT / "README.md"
    paths = markdown_docs() + ([readme] if readme.exists() else [])
    found = [
        f"{shown(path)}:{number}: {match.group(0)!r}"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in PLACEHOLDER.finditer(line)
    ]
    assert not found, "placeholders left in docs:\n" + "\n".join(found)


def test_relative_links_resolve():
    """Every relative link in docs/ names an existing file.

    Until their authors land them, links to MAY_BE_MISSING_FOR_NOW fail here; that is
    expected while the suite is being built, and this test is run once they exist."""
    broken = []
    for path in markdown_docs():
        for number, target in relative_links(path):
            linked = link_file(path, target)
            if linked.exists():
                continue
            expected = any(fnmatch(shown(linked), pattern) for pattern in MAY_BE_MISSING_FOR_NOW)
            note = " (may be missing for now)" if expected else ""
            broken.append(f"{shown(path)}:{number}: {target} -> {shown(linked)}{note}")
    assert not broken, "links to missing files:\n" + "\n".join(broken)


def test_relative_link_anchors_exist():
    """A link's #anchor names a heading of the Markdown file it leads to (if that file exists)."""
    broken = []
    for path in markdown_docs():
        for number, target in relative_links(path):
            if "#" not in target:
                continue
            fragment = target.split("#", 1)[1]
            linked = link_file(path, target)
            if linked.suffix != ".md" or not linked.exists():
                continue
            if unquote(fragment) not in heading_anchors(linked):
                broken.append(f"{shown(path)}:{number}: {target}")
    assert not broken, "links to missing headings:\n" + "\n".join(broken)
