"""The real suite run as a person runs it, then rendered as `make report` does: for the
report tests that need a real run (tests/test_report_browser.py, test_report_targets.py).

Only small tag selections run here: the suite is rewritten while these tests are kept, so
they never depend on a scenario's title.
"""

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

from zeues_acceptance.suite_config import write_behave_config

REPO_ROOT = Path(__file__).resolve().parent.parent
RENDER_REPORT = REPO_ROOT / "scripts" / "render-report"
SUITE_TIMEOUT_S = 420
# The single-file report keeps each data file as d("path", "base64") in index.html.
_DATA_FILE = re.compile(r'd\("([^"]+)","([A-Za-z0-9+/=]*)"\)')


def run_suite(workdir: Path, results_dir: Path, *behave_args: str) -> subprocess.CompletedProcess:
    """behave on the project's features with the project's behave.ini, results in results_dir."""
    config_dir = write_behave_config(workdir, results_dir)
    python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    environment = {key: value for key, value in os.environ.items() if key != "ZEUES_BASE_URL"}
    return subprocess.run([sys.executable, "-m", "behave", *behave_args], cwd=config_dir,
                          env={**environment, "PYTHONPATH": python_path},
                          capture_output=True, text=True, timeout=SUITE_TIMEOUT_S)


def render(results_dir: Path, report_dir: Path, history_dir: Path) -> Path:
    """scripts/render-report into report_dir, the trend kept in history_dir; index.html."""
    subprocess.run([str(RENDER_REPORT), str(results_dir), str(report_dir)], check=True,
                   capture_output=True, text=True, timeout=300,
                   env={**os.environ, "PYTHON": sys.executable, "ZEUES_HISTORY_DIR": str(history_dir)})
    return report_dir / "index.html"


def report_data(index_html: Path) -> dict[str, bytes]:
    """The data files a single-file report carries, by path (widgets, results, attachments)."""
    page = index_html.read_text(encoding="utf-8")
    return {path: base64.b64decode(data) for path, data in _DATA_FILE.findall(page)}
