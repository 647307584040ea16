"""Generate the API reference in docs/api/ from schemas/ and the recorded exchanges.

One page per route of zeues_acceptance/routes.py (the routes of contract section A the suite
speaks, and the stand-in's test support), from the schema that carries its `x-endpoint`: the
statuses it answers and the error family of each (`x-errors`, checked against routes.py), the
order of its checks (`x-check-order`), its request and answer fields, the schemas' examples, and
what the real ZEUES v3.0 answered (tests/reference/*/exchanges.json, by id). `--check` (used by
tests/test_docs.py) writes nothing and exits 1 while docs/api/ differs from what they give.

usage: python scripts/gen_api_docs.py [--check]
"""

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as `python scripts/gen_api_docs.py`, the repo root is not on the path yet.
    sys.path.insert(0, str(REPO_ROOT))

from scripts.api_index import index_page  # noqa: E402
from scripts.api_pages import HEADER, RoutePage, route_page  # noqa: E402
from scripts.markdown_pages import GeneratorError, repo_relative  # noqa: E402
from zeues_acceptance.contract import SCHEMA_DIR, load_schema, schema_names  # noqa: E402
from zeues_acceptance.routes import ROUTES  # noqa: E402

API_DOCS_DIR = REPO_ROOT / "docs" / "api"
INDEX_PAGE = "README.md"
SUCCESS_STATUSES = (200, 201)

__all__ = ["API_DOCS_DIR", "HEADER", "expected_files", "main", "stale_files", "write_files"]


def endpoints_of(schema: dict) -> set[str]:
    """`METHOD /path` of each entry of a schema's x-endpoint, query strings left out."""
    entries = [entry.strip() for entry in schema.get("x-endpoint", "").split(", ") if entry.strip()]
    return {entry.split("?", 1)[0] for entry in entries}


def route_pages() -> list[RoutePage]:
    """A page per route, in the order of routes.py; every x-endpoint of schemas/ is one."""
    pages, described = [], set()
    for route in ROUTES.values():
        success = next((route.responses[s][0] for s in SUCCESS_STATUSES if s in route.responses), None)
        if success is None:
            raise GeneratorError(f"{route.label} has no success answer in routes.py")
        main = route.request_schema or success
        schema = load_schema(main)
        if route.label not in endpoints_of(schema):
            raise GeneratorError(f"schemas/{main}.json has no x-endpoint {route.label!r}")
        errors = schema.get("x-errors") or load_schema(success).get("x-errors", [])
        pages.append(RoutePage(route, route.request_schema, success,
                               tuple(sorted(errors, key=lambda e: e["status"])),
                               schema.get("x-check-order", "")))
        described.add(route.label)
    orphans = {e for name in schema_names() for e in endpoints_of(load_schema(name))} - described
    if orphans:
        raise GeneratorError(f"x-endpoint names routes routes.py does not have: {sorted(orphans)}")
    files = [page.file for page in pages]
    if len(set(files)) != len(files) or INDEX_PAGE in files:
        raise GeneratorError(f"page names collide: {files}")
    return pages


def expected_files() -> dict[str, str]:
    """Every file of docs/api/ by name, with the content the sources give it."""
    pages = route_pages()
    files = {INDEX_PAGE: index_page(pages)}
    files.update({page.file: route_page(page) for page in pages})
    return dict(sorted(files.items()))


def stale_files(api_dir: Path = API_DOCS_DIR) -> list[str]:
    """Files of `api_dir` unlike what the sources give, as 'path (why)'; empty if current."""
    expected = expected_files()
    present = {p.name for p in api_dir.iterdir() if p.is_file()} if api_dir.is_dir() else set()
    problems = []
    for name in sorted(set(expected) | present):
        shown = repo_relative(api_dir / name)
        if name not in present:
            problems.append(f"{shown} (missing)")
        elif name not in expected:
            problems.append(f"{shown} (extra: not generated)")
        elif (api_dir / name).read_text(encoding="utf-8") != expected[name]:
            problems.append(f"{shown} (stale)")
    return problems


def write_files(api_dir: Path = API_DOCS_DIR) -> list[str]:
    """Write the reference into `api_dir`, removing files no longer generated; returns what
    differed before, as stale_files() words it."""
    changed = stale_files(api_dir)
    expected = expected_files()
    api_dir.mkdir(parents=True, exist_ok=True)
    for path in api_dir.iterdir():
        if path.is_file() and path.name not in expected:
            path.unlink()
    for name, content in expected.items():
        target = api_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate docs/api/ from schemas/ and the recorded exchanges.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 listing stale, missing or extra files")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = stale_files(API_DOCS_DIR)
            for problem in problems:
                print(problem)
            if problems:
                print("docs/api/ is out of date; run: python scripts/gen_api_docs.py",
                      file=sys.stderr)
                return 1
            print(f"docs/api/ is up to date with {repo_relative(SCHEMA_DIR)}/ and tests/reference/")
            return 0
        for change in write_files(API_DOCS_DIR):
            print(f"wrote {change}")
    except GeneratorError as problem:
        print(f"gen_api_docs: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
