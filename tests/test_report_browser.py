"""The rendered report in a real browser: headless Debian chromium, driven by Playwright, finds
the verdict sentence, the target and each finding's sentence on the first screen (within
the initial viewport, no scrolling), for a green run and for a run against a stand-in with
a known-defect fault.

The fault run uses `python -m tests.mutants --fault D1` once the mutants offer D1; until
then it uses a stand-in that does what D1 does at its edge (COMPLETAR does the work and
answers 500), built here from the stand-in's own `serve(app_factory=...)` seam.
"""

from pathlib import Path

import pytest

from standin.runner import running_standin
from tests.report_suite import render, run_suite
from zeues_acceptance.reporting import verdict_of

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
FAULT_TAGS = "--tags=@R1 and not @load"  # the rule D1 breaks: assembly is completed

playwright = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")

D1_AT_THE_EDGE = '''\
"""The stand-in with known defect D1 at its edge: COMPLETAR does the work, then answers 500."""
import json
import sys

from standin.__main__ import serve
from standin.app import create_app

PATH = "/api/occupation/completar"
BODY = json.dumps({"detail": "Internal Server Error"}).encode()


def completion_answers_500(app):
    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PATH:
            return await app(scope, receive, send)

        async def replace(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                scope["zeues.replaced"] = True
                await send({"type": "http.response.start", "status": 500, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(BODY)).encode())]})
            elif scope.get("zeues.replaced") and message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": BODY})
            else:
                await send(message)

        return await app(scope, receive, replace)
    return wrapped


serve(app_factory=lambda settings: completion_answers_500(create_app(settings)), argv=sys.argv[1:])
'''


def d1_standin(tmp_path: Path):
    """The fault stand-in: the mutants' D1 when there is one, else D1 at the edge."""
    try:
        from tests.mutants import FAULTS
    except ImportError:
        FAULTS = {}
    if "D1" in FAULTS:
        return running_standin(testing=True, module="tests.mutants", extra_args=("--fault", "D1"))
    (tmp_path / "d1_at_the_edge.py").write_text(D1_AT_THE_EDGE)
    return running_standin(testing=True, module="d1_at_the_edge", env={"PYTHONPATH": str(tmp_path)})


def first_screen_texts(index_html: Path, texts: list[str], screenshot: Path) -> dict[str, bool]:
    """For each text: is it shown, wholly within the first screen of the opened report?"""
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch_persistent_context(
            str(index_html.parent.parent / "chromium-profile"), executable_path=str(CHROMIUM),
            headless=True, args=FLAGS, viewport=VIEWPORT)
        try:
            page = browser.new_page()
            page.goto(index_html.as_uri())
            page.wait_for_function("window.allureReportDataReady === true", timeout=30_000)
            page.wait_for_selector("#app *", timeout=30_000)  # the app has drawn its first screen
            page.screenshot(path=str(screenshot))
            found = {}
            for text in texts:
                element = page.get_by_text(text, exact=False).first
                box = element.bounding_box() if element.count() else None
                found[text] = bool(box) and element.is_visible() and (
                    box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]
                    and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"])
            return found
        finally:
            browser.close()


def rendered_run(tmp_path: Path, *behave_args: str):
    results = tmp_path / "allure-results"
    run = run_suite(tmp_path / "behave", results, *behave_args)
    assert list(results.glob("*-result.json")), run.stdout[-3000:] + run.stderr[-3000:]
    index_html = render(results, tmp_path / "report", tmp_path / "history")
    return run, index_html


def test_a_green_run_says_healthy_on_the_first_screen(tmp_path):
    run, index_html = rendered_run(tmp_path, "--tags=@smoke")
    verdict = verdict_of(results_dir=tmp_path / "allure-results")
    assert verdict.state == "healthy", run.stdout[-3000:]
    assert verdict.target == "embedded stand-in"

    found = first_screen_texts(index_html, [verdict.sentence, verdict.target], tmp_path / "green.png")
    assert all(found.values()), found


def test_a_known_defect_run_names_each_failed_rule_on_the_first_screen(tmp_path):
    with d1_standin(tmp_path) as standin:
        run, index_html = rendered_run(tmp_path, FAULT_TAGS, "-D", f"base_url={standin.base_url}")
    verdict = verdict_of(results_dir=tmp_path / "allure-results")
    assert run.returncode != 0 and verdict.state.startswith("not healthy: "), run.stdout[-3000:]
    assert verdict.target == standin.base_url and verdict.findings

    texts = [verdict.sentence, verdict.target] + [finding.sentence for finding in verdict.findings]
    found = first_screen_texts(index_html, texts, tmp_path / "failing.png")
    assert all(found.values()), found

