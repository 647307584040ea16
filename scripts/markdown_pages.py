"""Pieces both documentation generators need: safe table cells, paths as the repo names them."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


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
