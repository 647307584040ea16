"""The API reference's first page: every route with the error families it answers in, the
families, the formats, how to read a spool without a single-spool read, and what is absent."""

import json
import re
from collections import Counter

from scripts.api_exchanges import EARLIER_COMMIT, MAIN_COMMIT, exchanges
from scripts.api_pages import CONTRACT, HEADER, RoutePage, exchange_lines, schema_link
from scripts.api_pages import statuses_text, summary_of
from scripts.api_schema_text import code
from scripts.markdown_pages import table_lines
from zeues_acceptance.contract import SHARED_SCHEMA, load_schema, schema_names
from zeues_acceptance.routes import UNKNOWN_ROUTE

# Named absent by the contract (A.8, A.13) though no recorded call tried it.
ABSENT_UNRECORDED = ("GET /api/occupation/status/{tag}",)
LISTINGS = ("spools_to_start", "spools_to_complete", "occupied")
FAMILY_ORDER = ("F1", "F2", "F3", "F4")


def _page_link(page: RoutePage) -> str:
    return f"[{page.route.label}]({page.file})"


def routes_section(pages: list[RoutePage]) -> list[str]:
    rows = [[_page_link(page), summary_of(page), statuses_text(page)] for page in pages]
    return ["## Routes", "",
            "Every route the suite speaks, with the statuses it answers and the error family of "
            "each (F1 to F4, [below](#error-families)); 500 is never a correct answer "
            f"([rule R0]({CONTRACT}#b-acceptance-rules)).", ""] + table_lines(
        ["route", "what", "answers"], rows) + [""]


def families_section() -> list[str]:
    by_family = {load_schema(name).get("x-family"): name for name in schema_names()}
    rows = []
    for family in FAMILY_ORDER:
        name = by_family.get(family)
        if name is None:  # F4 has no schema of its own: its bodies meet F1's
            rows.append([family, "Starlette's routing answers, shaped as F1: 404 "
                         "`{\"detail\": \"Not Found\"}`, 405 `{\"detail\": \"Method Not Allowed\"}`",
                         schema_link(by_family["F1"], "../../")])
            continue
        schema = load_schema(name)
        rows.append([family, f"**{schema['title']}.** {schema['description']}",
                     schema_link(name, "../../")])
    return ["## Error families", "",
            "The family depends on the route, not on the error (contract, A.0).", ""] + \
        table_lines(["family", "body", "schema"], rows) + [""]


def _users(definition: str) -> list[str]:
    """The message schemas that use a shared definition, directly or through another one."""
    definitions = load_schema(SHARED_SCHEMA)["$defs"]
    names, found = {definition}, True
    while found:
        found = {other for other, body in definitions.items() if other not in names
                 and any(f"#/$defs/{name}\"" in json.dumps(body) for name in names)}
        names |= found
    return [schema for schema in schema_names() if any(
        f"common.json#/$defs/{name}\"" in json.dumps(load_schema(schema)) for name in names)]


def formats_section() -> list[str]:
    definitions = load_schema(SHARED_SCHEMA)["$defs"]
    rows = []
    for name, definition in definitions.items():
        if "[0-9]" not in definition.get("pattern", ""):
            continue
        examples = ", ".join(code(e) for e in definition.get("examples", [])) or "—"
        users = ", ".join(f"`{user}`" for user in _users(name)) or "—"
        rows.append([f"**{definition['title']}**", definition.get("description", ""),
                     examples, users])
    stream = load_schema("spool-update-event")
    return ["## Formats", "",
            f"Dates and times as the schemas pin them (`{SHARED_SCHEMA}.json` `$defs`).", ""] + \
        table_lines(["format", "shape", "example", "used by"], rows) + [
        "", f"The live stream: {stream['description']} See [GET /api/sse/stream](sse-stream.md).",
        ""]


def reading_section(pages: list[RoutePage]) -> list[str]:
    listing = load_schema("spool-list-response")
    spool = load_schema(SHARED_SCHEMA)["$defs"]["spool"]
    links = ", ".join(_page_link(p) for p in pages if p.route.name in LISTINGS)
    lines = ["## Reading a spool", "",
             "ZEUES v3.0 has no single-spool read: a spool's state is read from the listings, "
             f"{links}, none of which uses Redis.", "",
             f"From {schema_link('spool-list-response')}: {listing['description']}", "",
             f"The Spool object ({SHARED_SCHEMA}.json `$defs/spool`): {spool['description']}", "",
             "Section A.8 names two more listings, which the suite does not use and no schema "
             "describes: `GET /api/spools/cancelar?operacion&worker_id` (a legacy list) and "
             "`GET /api/spools/reparacion` (the repair list). What the stand-in serves there is "
             "its own choice, stated in [`standin/listings.py`](../../standin/listings.py) and "
             "in the [README](../../README.md#the-local-stand-in).", "",
             "### What is absent", "",
             "Recorded calls to routes the real API does not have:", ""]
    for exchange in exchanges(MAIN_COMMIT):
        if exchange.route is UNKNOWN_ROUTE:
            lines += exchange_lines(exchange, level="####")
    absent = ", ".join(f"`{route}`" for route in ABSENT_UNRECORDED)
    lines += [f"The contract (A.8, A.13) names {absent} absent too (404 as above). "
              "`POST /api/testing/spools` exists only on the embedded stand-in started with "
              "testing enabled: [its page](testing-spools.md).", ""]
    return lines


def recordings_section() -> list[str]:
    lines = ["## The recorded exchanges", ""]
    for commit in (MAIN_COMMIT, EARLIER_COMMIT):
        recorded = exchanges(commit)
        statuses = Counter(e.status for e in recorded)
        defects = sorted({d for e in recorded for d in e.defects}, key=lambda d: int(d[1:]))
        lines.append(
            f"- `tests/reference/zeues-v3.0-{commit}/exchanges.json`: {len(recorded)} calls "
            f"({', '.join(f'{n} × {s}' for s, n in sorted(statuses.items()))}); known defects "
            f"their answers show: {', '.join(defects)}.")
    return lines + ["", f"Each route's page quotes the calls of {MAIN_COMMIT} made to it, and of "
                    f"{EARLIER_COMMIT} those that answered 500 there.", ""]


def index_page(pages: list[RoutePage]) -> str:
    lines = [HEADER, "", "# ZEUES v3 API reference", "",
             "Generated by `scripts/gen_api_docs.py` from the JSON Schemas in "
             "[`schemas/`](../../schemas/) and from what the real API answered, recorded in "
             "[`tests/reference/`](../../tests/reference/). The authority is the contract, "
             f"[`docs/contract/ZEUES-v3-API.md`]({CONTRACT}); the schemas accept exactly what the "
             "real API serves when it works as designed.", "",
             "Quoted bodies are captioned with their route and status; \"(known defect Dn)\" "
             f"marks a body only a defect of ZEUES v3.0 produces ([contract, section C]({CONTRACT}"
             "#c-known-defects)).", ""]
    lines += routes_section(pages) + families_section() + formats_section()
    lines += reading_section(pages) + recordings_section()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"
