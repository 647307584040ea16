"""The verdict on the report's first screen: a block above the Allure app in index.html.

Allure 3's awesome report opens on its own summary (a success ring, the counts); the block
is put before the app's root element so that the verdict sentence, the target and each
finding are what a reader sees first, without scrolling or clicking. The report's
analytics script is taken out on the way: a report opened at the plant calls no one.
"""

import html
import re
from pathlib import Path

from zeues_acceptance.verdict import Verdict

APP_ROOT = '<div id="app"></div>'
ANALYTICS = re.compile(r'\s*<script async src="https://www\.googletagmanager\.com/[^"]*"></script>'
                       r'\s*<script>\s*window\.dataLayer[\s\S]*?</script>')
COLOURS = {"healthy": "#1b7f3b", "not healthy": "#b3261e", "could not judge": "#8a5a00",
           "suite problem": "#5b4a9e"}


def verdict_block(verdict: Verdict) -> str:
    colour = next((value for state, value in COLOURS.items() if verdict.state.startswith(state)), "#333")
    findings = "".join(f"<li>{html.escape(finding.line)}</li>" for finding in verdict.findings)
    skipped = "".join(f"<li>{html.escape(line)}</li>" for line in verdict.skipped_lines)
    return (
        f'<section id="zeues-verdict" style="font:15px/1.45 system-ui,sans-serif;'
        f'padding:12px 20px;border-left:8px solid {colour};background:#fafafa;color:#1d1d1d">'
        f'<h1 style="font-size:20px;margin:0 0 4px;color:{colour}">{html.escape(verdict.sentence)}</h1>'
        + (f'<ul class="zeues-findings" style="margin:4px 0;padding-left:22px;list-style:disc">{findings}</ul>'
           if findings else "")
        + (f'<ul class="zeues-skipped" style="margin:4px 0;padding-left:22px;list-style:circle;color:#555">{skipped}</ul>'
           if skipped else "")
        + f'<div style="color:#555">{html.escape(verdict.counts_line)}</div></section>'
    )


def add_verdict_to_page(index_html: Path, verdict: Verdict) -> None:
    page = Path(index_html).read_text(encoding="utf-8")
    if APP_ROOT not in page:
        raise ValueError(f"{index_html} has no {APP_ROOT}: not an Allure 3 awesome report")
    page = ANALYTICS.sub("", page, count=1)
    page = page.replace(APP_ROOT, verdict_block(verdict) + APP_ROOT, 1)
    Path(index_html).write_text(page, encoding="utf-8")
