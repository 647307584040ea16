"""Steps comparing the target's published OpenAPI description with `schemas/`."""

from behave import given, then

from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.drift import drift_findings
from zeues_acceptance.errors import ContractDriftError


@given("the API publishes its description")
def step_api_publishes_description(context):
    response = context.client.openapi()
    if response.status != 200 or not isinstance(response.body, dict):
        skip_scenario(context.scenario,
                      f"the target publishes no /openapi.json (answered {response.status})")
        return
    context.drift = drift_findings(response.body)


def report(context, kind: str) -> None:
    findings = [f for f in context.drift if kind in f]
    if findings:
        raise ContractDriftError("Contract drift: " + "; ".join(findings))


@then("every field the contract requires is required by the API")
def step_required_fields_agree(context):
    report(context, "is required by the contract")


@then("every value the contract allows is allowed by the API")
def step_enums_agree(context):
    report(context, "from its enum")


@then("every answer field the contract relies on is described by the API")
def step_fields_described(context):
    report(context, "missing from the API")
    report(context, "not described by the API")
