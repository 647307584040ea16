"""Check recorded traffic against the contract: `python -m zeues_acceptance.conformance FILE...`.

Each FILE is a JSON list of exchanges in the format of tests/reference/*/exchanges.json
(`id`, `request` {method, path, body}, `response` {status, content_type, body}). Every
exchange is judged as the suite's client would judge it:

- the answer must meet a schema its route names for its status (the error family of the
  route, section A.0 of the contract); a status the route never answers does not conform;
- the request must agree with the answer: a request that breaks its schema (or lacks a
  required query parameter) must have been refused with 422, and a 422 must answer a
  request that breaks it - otherwise the request schema is wrong, or the API is;
- a 500 is a server error, not a shape: it is listed on its own line and not judged.

One line per exchange that does not conform (id, JSON path, rule), one per server error,
then `conformance: N/M exchanges conform` (M counts the judged ones). Exit status 1 when any
judged exchange does not conform, 2 when a file cannot be read.
"""

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from zeues_acceptance.contract import violations
from zeues_acceptance.routes import SERVER_ERROR, missing_query, route_for


@dataclass(frozen=True)
class Verdict:
    exchange_id: str
    problems: tuple[str, ...] = ()
    server_error: bool = False

    @property
    def conforms(self) -> bool:
        return not self.server_error and not self.problems


def judge(exchange: dict) -> Verdict:
    """How one recorded exchange stands against the contract."""
    exchange_id = str(exchange.get("id", "?"))
    request, response = exchange["request"], exchange["response"]
    route = route_for(request["method"], request["path"])
    status = response["status"]
    if status == SERVER_ERROR:
        return Verdict(exchange_id, server_error=True)
    problems = []
    schemas = route.schemas_for(status)
    if schemas is None:
        problems.append(f"$: status ({route.label} never answers {status})")
    else:
        problems += violations(schemas, response.get("body"))
    problems += _request_problems(route, request, status)
    return Verdict(exchange_id, tuple(problems))


def _request_problems(route, request: dict, status: int) -> list[str]:
    broken = [f"query: required ({name} missing)" for name in missing_query(route, request["path"])]
    if route.request_schema is not None:
        broken += violations(route.request_schema, request.get("body"))
    if broken and status != 422:
        return [f"request {problem} but the API answered {status}, not 422" for problem in broken]
    if not broken and status == 422:
        return ["request: valid against the contract, yet the API refused it with 422"]
    return []


def read_exchanges(path: Path) -> list[dict]:
    exchanges = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(exchanges, list):
        raise ValueError(f"{path}: expected a JSON list of exchanges")
    return exchanges


def report(verdicts: list[Verdict]) -> list[str]:
    """The lines the command prints, the summary last."""
    lines = []
    for verdict in verdicts:
        if verdict.server_error:
            lines.append(f"{verdict.exchange_id}: server error (500), not a shape: not judged")
        lines += [f"{verdict.exchange_id}: {problem}" for problem in verdict.problems]
    judged = [verdict for verdict in verdicts if not verdict.server_error]
    conforming = sum(verdict.conforms for verdict in judged)
    lines.append(f"conformance: {conforming}/{len(judged)} exchanges conform")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zeues_acceptance.conformance",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    try:
        verdicts = [judge(exchange) for path in args.files for exchange in read_exchanges(path)]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"conformance: cannot read the exchanges: {error}", file=sys.stderr)
        return 2
    for line in report(verdicts):
        print(line)
    return 0 if all(verdict.conforms or verdict.server_error for verdict in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
