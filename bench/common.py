"""What every benchmark shares: where results go, the machine they ran on, and a plain table."""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_ROOT / "reports" / "bench"


def machine() -> dict:
    """The facts a reader needs to weigh the numbers: when, how many cores, which Python."""
    return {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_result(name: str, result: dict) -> Path:
    """reports/bench/<name>.json, with the machine facts added."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps({"benchmark": name, "machine": machine(), **result}, indent=2) + "\n")
    return path



def table(headers: list[str], rows: list[list]) -> str:
    """A fixed-width text table; floats shown with three significant decimals."""
    def cell(value) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    text_rows = [[cell(value) for value in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in text_rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in text_rows]
    return "\n".join(lines)


def say(text: str = "") -> None:
    """Benchmark output is the product here, so it goes to stdout, flushed as it happens."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
