"""What the suite puts in the Allure report: each API exchange, and the run's environment."""

import json
from pathlib import Path

import allure

from zeues_acceptance import reporting


class ExchangeAttacher:
    """The client's on_exchange: attaches while a scenario runs (Allure has no test outside)."""

    def __init__(self) -> None:
        self.in_scenario = False

    def __call__(self, exchange: dict) -> None:
        if self.in_scenario:
            attach_exchange(exchange)


def skip_scenario(scenario, reason: str) -> None:
    """Skip with the reason shown in the report too (allure-behave drops skip reasons)."""
    scenario.skip(reason)
    allure.dynamic.description(f"Skipped: {reason}")


def attach_exchange(exchange: dict) -> None:
    """Attach one (already redacted) request/response pair to the running step."""
    request = exchange.get("request") or {}
    response = exchange.get("response")
    name = f"{request.get('method', '')} {request.get('url', '')}".strip()
    allure.attach(json.dumps(request, indent=2, ensure_ascii=False, default=str),
                  name=f"request: {name}", attachment_type=allure.attachment_type.JSON)
    allure.attach(json.dumps(response if response is not None else exchange, indent=2,
                             ensure_ascii=False, default=str),
                  name=f"response: {response.get('status') if response else 'none'}",
                  attachment_type=allure.attachment_type.JSON)


def allure_results_dirs(config) -> list[Path]:
    """Output folders of the allure formatters behave was asked to run."""
    dirs = []
    for name, outfile in zip(config.format or [], config.outfiles or []):
        if name == "allure" and outfile and outfile != "-":
            dirs.append(Path(outfile))
    return dirs


def write_run_environment(config, properties: dict) -> None:
    for results_dir in allure_results_dirs(config):
        results_dir.mkdir(parents=True, exist_ok=True)
        reporting.write_environment_properties(results_dir, properties)
        reporting.write_executor(results_dir, name="behave", build_name=properties.get("run.id", ""))
        reporting.write_categories(results_dir)
