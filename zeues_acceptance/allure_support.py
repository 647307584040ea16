"""What the suite puts in the Allure report while a scenario runs: each API exchange, the
rules a scenario checks, and a skip's reason (allure-behave drops skip reasons)."""

import json

import allure

from zeues_acceptance.rules import rules_of


class ExchangeAttacher:
    """The client's on_exchange: attaches while a scenario runs (Allure has no test outside)."""

    def __init__(self) -> None:
        self.in_scenario = False

    def __call__(self, exchange: dict) -> None:
        if self.in_scenario:
            attach_exchange(exchange)


def skip_scenario(scenario, reason: str) -> None:
    scenario.skip(reason)
    allure.dynamic.description(f"Skipped: {reason}")


def label_rules(tags) -> None:
    for rule in rules_of(tags):
        allure.dynamic.label("rule", rule)


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
