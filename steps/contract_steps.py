"""Steps comparing the target's published OpenAPI description with `schemas/`."""

from behave import given, then, when

from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.drift import ENUM, MISSING, REQUIRED, drift_findings
from zeues_acceptance.errors import ContractDriftError


@given("the API publishes its description")
def step_api_publishes_description(context):
    response = context.client.openapi()
    if response.status != 200 or not isinstance(response.body, dict):
        skip_scenario(context.scenario,
                      f"the target publishes no /openapi.json (answered {response.status})")
        return
    context.openapi = response.body


@when("its description is compared with the contract")
def step_compare_description(context):
    context.drift = drift_findings(context.openapi)


def report(context, kind: str) -> None:
    findings = [str(finding) for finding in context.drift if finding.kind == kind]
    if findings:
        raise ContractDriftError("Contract drift: " + "; ".join(findings))


@then("every field the contract requires is required by the API")
def step_required_fields_agree(context):
    report(context, REQUIRED)


@then("every value the contract allows is allowed by the API")
def step_enums_agree(context):
    report(context, ENUM)


@then("every field and endpoint the contract relies on is described by the API")
def step_fields_described(context):
    report(context, MISSING)
