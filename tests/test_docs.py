"""The docs state what the real system does: the API reference is what schemas/ and the recorded
exchanges give, the runbook's local commands run against a real stand-in, every quoted body
meets its schema unless it is marked as a known defect's, no placeholder is left, every link
works in a fresh clone, and no page repeats what the code contradicts."""

import os
import re
import shutil
import signal
import subprocess

import pytest

import scripts.gen_api_docs as gen_api_docs
from scripts.api_exchanges import MAIN_COMMIT, exchanges
from scripts.gen_api_docs import API_DOCS_DIR, HEADER, expected_files, stale_files, write_files
from standin.runner import running_standin
from tests.doc_checks import (
    API_DIR, DOCS_DIR, PLACEHOLDER, PRODUCTION_URL, REPO_ROOT, body_problems, checked_docs,
    claim_problems, curl_problems, heading_anchors, link_problems, link_target, relative_links,
    shown, split_generated,
)
from zeues_acceptance.target import KNOWN_KEYS

CONTRACT = DOCS_DIR / "contract" / "ZEUES-v3-API.md"
RUNBOOK = DOCS_DIR / "runbooks" / "redis-troubleshooting.md"
SCENARIOS_GUIDE = DOCS_DIR / "writing-scenarios.md"
RUNBOOK_LOCAL_URL = "http://127.0.0.1:8000"
LOCAL_MARKER, PRODUCTION_MARKER = "# local stand-in", "# production"
BLOCK_TIMEOUT_SECONDS = 60


def read(path) -> str:
    return path.read_text(encoding="utf-8")


def bash_blocks(marker: str) -> list[tuple[int, str]]:
    """(line, script) of each ```bash block of the runbook whose first line is `marker`."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(read(RUNBOOK).splitlines(), start=1):
        if current is None and line.strip() == "```bash":
            current, start = [], number
        elif current is not None and line.strip() == "```":
            if current and current[0].strip() == marker:
                blocks.append((start, "\n".join(current) + "\n"))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


# --- the generated API reference ----------------------------------------------------------


def test_api_reference_is_up_to_date():
    assert stale_files() == [], "run: python scripts/gen_api_docs.py"


def test_check_reports_stale_missing_and_extra_files(tmp_path):
    write_files(tmp_path)
    assert stale_files(tmp_path) == []
    (tmp_path / "history.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "workers.md").unlink()
    (tmp_path / "notes.md").write_text("not generated\n", encoding="utf-8")

    problems = stale_files(tmp_path)

    assert sorted(problems) == sorted([f"{tmp_path}/history.md (stale)",
                                       f"{tmp_path}/workers.md (missing)",
                                       f"{tmp_path}/notes.md (extra: not generated)"])


def test_check_command_fails_while_the_reference_is_stale(tmp_path, monkeypatch, capsys):
    write_files(tmp_path)
    monkeypatch.setattr(gen_api_docs, "API_DOCS_DIR", tmp_path)
    assert gen_api_docs.main(["--check"]) == 0
    (tmp_path / "sse-stream.md").write_text("old\n", encoding="utf-8")
    assert gen_api_docs.main(["--check"]) == 1
    assert "sse-stream.md (stale)" in capsys.readouterr().out


def test_every_generated_page_carries_the_header():
    for name, content in expected_files().items():
        assert content.splitlines()[0] == HEADER, name


def test_every_route_of_section_a_has_its_page_or_is_named_in_the_index():
    contract = read(CONTRACT)
    section_a = contract[contract.index("## A. Interface"):contract.index("## B. ")]
    headed = re.findall(r"^### A\.\d+ ((?:GET|POST) /\S*)", section_a, re.MULTILINE)
    listed = re.findall(r"^\| `((?:GET|POST) /[^`?\s]+)", section_a, re.MULTILINE)
    pages = {read(page).split("\n# ", 1)[1].split("\n", 1)[0] for page in API_DIR.glob("*.md")}
    index = read(API_DIR / "README.md")
    missing = [route for route in dict.fromkeys(headed + listed)
               if route not in pages and f"`{route}" not in index]
    assert len(headed) >= 9 and len(listed) >= 3, (headed, listed)
    assert not missing, f"routes of section A the reference does not describe: {missing}"


def test_every_recorded_exchange_is_quoted_by_its_id():
    reference = "\n".join(read(page) for page in API_DIR.glob("*.md"))
    missing = [e.id for e in exchanges(MAIN_COMMIT) if f"recorded as `{e.id}`" not in reference]
    assert not missing, f"recorded exchanges not quoted in docs/api/: {missing}"


def test_the_reference_says_how_to_read_a_spool_and_where_the_verdict_goes():
    index = read(API_DIR / "README.md")
    assert "no single-spool read" in index
    assert "(metrologia-completar.md)" in index and "(spools-iniciar.md)" in index
    stream = read(API_DIR / "sse-stream.md")
    assert ": ping - " in stream and "CRLF" in stream
    assert '"{h}h {m}m"' in index  # the duration is text


# --- bodies quoted anywhere ---------------------------------------------------------------


def test_quoted_bodies_meet_the_schemas_or_are_marked_as_a_defects():
    problems = [problem for path in checked_docs()
                for problem in body_problems(read(path), shown(path))]
    assert not problems, "\n".join(problems)


def test_the_body_check_catches_an_unmarked_wrong_body_and_spares_a_marked_one():
    page = ("Response to `POST /api/occupation/tomar`, status 500:\n"
            "```json\n{\"detail\": \"Internal server error: Too many connections\"}\n```\n\n"
            "Response to `POST /api/occupation/tomar`, status 500 (known defect D8):\n"
            "```json\n{\"detail\": \"Internal server error: Too many connections\"}\n```\n\n"
            "Response to `GET /api/redis-health`, status 200:\n"
            "```json\n{\"status\": \"unhealthy\", \"operational\": false}\n```\n\n"
            "```json\n{\"detail\": \"uncaptioned\"}\n```\n\n"
            "Request to `POST /api/occupation/tomar`, deliberately invalid:\n```json\n"
            "{\"tag_spool\": \"T\", \"worker_id\": 93, \"worker_nombre\": \"MR(93)\", "
            "\"operacion\": \"ARM\"}\n```\n")
    problems = body_problems(page, "page.md")
    lines = sorted({p.split(":", 2)[1] for p in problems}, key=int)
    assert lines == ["2", "12", "16", "21"], problems


def test_runbook_commands_send_bodies_the_api_accepts():
    blocks = bash_blocks(LOCAL_MARKER) + bash_blocks(PRODUCTION_MARKER)
    problems = [p for line, script in blocks for p in curl_problems(script, f"runbook:{line}")]
    assert not problems, "\n".join(problems)
    assert curl_problems("curl -sS -X POST http://h/api/occupation/tomar -d '{\"tag_spool\": \"\"}'",
                         "x"), "the check must catch a body the API refuses"


# --- the runbook --------------------------------------------------------------------------


def run_block(script: str) -> subprocess.CompletedProcess:
    """One block under strict bash in its own process group, killed whole on timeout."""
    process = subprocess.Popen(["bash", "-euo", "pipefail", "-c", script], cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=BLOCK_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return subprocess.CompletedProcess(process.args, -9, stdout, stderr + " (killed)")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_runbook_local_commands_run_against_a_real_standin():
    blocks = bash_blocks(LOCAL_MARKER)
    assert len(blocks) >= 4, f"the runbook has {len(blocks)} blocks marked {LOCAL_MARKER!r}"
    for tool in ("curl", "python3"):
        assert shutil.which(tool), f"the runbook's local commands need {tool}"
    failures = []
    with running_standin(testing=True) as standin:
        for line, script in blocks:  # in page order: later blocks may read what earlier made
            result = run_block(script.replace(RUNBOOK_LOCAL_URL, standin.base_url))
            if result.returncode != 0 or not result.stdout.strip():
                failures.append(f"{shown(RUNBOOK)}:{line} exited {result.returncode}: "
                                f"{result.stdout[-400:]!r} {result.stderr[-400:]!r}")
    assert not failures, "\n".join(failures)


def test_runbook_production_commands_write_nothing_and_open_no_stream():
    blocks = bash_blocks(PRODUCTION_MARKER)
    assert blocks, f"no block marked {PRODUCTION_MARKER!r}"
    for line, script in blocks:
        assert PRODUCTION_URL in script, f"runbook:{line} does not aim at production"
        assert "/api/sse/stream" not in script, f"runbook:{line} opens a stream (D15)"
        for post in re.findall(r"-X POST (\S+)[^\n]*", script):
            assert post.endswith("/api/occupation/completar"), f"runbook:{line} writes: {post}"
        for tag in re.findall(r'"tag_spool": "([^"]+)"', script):
            assert "NO-SUCH-SPOOL" in tag, f"runbook:{line} names a real spool {tag}"


# --- every page ---------------------------------------------------------------------------


def test_no_placeholders_in_docs():
    found = [f"{shown(path)}:{number}: {match.group(0)!r}"
             for path in checked_docs()
             for number, line in enumerate(read(path).splitlines(), start=1)
             for match in PLACEHOLDER.finditer(line)]
    assert not found, "placeholders left:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def tracked_files() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True,
                            check=True, timeout=30).stdout
    return set(listed.splitlines())


def test_links_lead_to_files_a_fresh_clone_has(tracked_files):
    problems = [p for path in checked_docs() for p in link_problems(path, read(path), tracked_files)]
    assert not problems, "\n".join(problems)
    mentions = [f"{shown(path)}:{n}" for path in checked_docs()
                for n, line in enumerate(read(path).splitlines(), start=1) if "../shared" in line]
    assert not mentions, f"pages that point at ../shared, which a clone does not have: {mentions}"


def test_the_link_check_catches_a_link_out_of_the_clone(tracked_files):
    page = REPO_ROOT / "docs" / "page.md"
    problems = link_problems(page, "[c](../../shared/contract/X.md) [r](../README.md)\n",
                             tracked_files)
    assert len(problems) == 1 and "leaves the repository" in problems[0], problems


def test_link_anchors_name_headings():
    broken = []
    for path in checked_docs():
        for number, target in relative_links(read(path)):
            linked = link_target(path, target)
            if "#" in target and linked.suffix == ".md" and linked.exists():
                if target.split("#", 1)[1] not in heading_anchors(read(linked)):
                    broken.append(f"{shown(path)}:{number}: {target}")
    assert not broken, "links to missing headings:\n" + "\n".join(broken)


def test_no_page_repeats_what_the_code_contradicts():
    problems = []
    for path in checked_docs():
        hand, generated = split_generated(path, read(path))
        problems += claim_problems(hand, shown(path)) + claim_problems(generated, shown(path),
                                                                      generated=True)
    assert not problems, "\n".join(problems)


def test_the_claim_check_catches_each_contradicted_claim():
    page = ("The pool lives in `backend/core/redis_client.py`.\n\n"
            "Watch `utilization_percent` on production.\n\n"
            "During an outage TOMAR answers 503 Redis service unavailable.\n\n"
            "There is no `redis_client.py`; only the stand-in reports `active_connections`.\n")
    problems = claim_problems(page, "page.md")
    assert [p.split(":", 2)[1] for p in problems] == ["1", "3", "5"], problems


def test_readme_and_docs_index_link_every_page():
    index, readme = read(DOCS_DIR / "README.md"), read(REPO_ROOT / "README.md")
    pages = [p for p in checked_docs() if p.parent.name != "api" and p.name != "README.md"]
    missing = [shown(p) for p in pages if f"({p.relative_to(DOCS_DIR).as_posix()})" not in index]
    assert not missing, f"docs/README.md does not link {missing}"
    assert "(docs/README.md)" in readme and "(docs/api/README.md)" in readme


def test_the_scenarios_guide_names_every_setting_the_suite_knows():
    guide = read(SCENARIOS_GUIDE)
    missing = [key for key in KNOWN_KEYS if f"-D {key}=" not in guide]
    assert not missing, f"-D keys the guide does not explain: {missing}"
