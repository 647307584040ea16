"""Steps comparing the target's published description with ZEUES v3.0 and with `schemas/`."""

from behave import given, then, when

from zeues_acceptance.allure_support import skip_scenario
from zeues_acceptance.drift import drift_findings
from zeues_acceptance.errors import ContractDriftError


@given("the API publishes its description")
def step_api_publishes_description(context):
    response = context.client.openapi()
    if response.status != 200 or not isinstance(response.body, dict):
        if not context.target.serves_v3:
            raise ContractDriftError(f"Contract drift: {context.target.not_v3_reason}")
        skip_scenario(context.scenario,
                      f"the target publishes no /openapi.json (it answered {response.status})")
        return
    context.openapi = response.body


@when("its description is compared with ZEUES v3.0 and with the contract")
def step_compare_description(context):
    context.drift = drift_findings(context.openapi)


@then("no route or field differs")
def step_nothing_differs(context):
    if context.drift:
        raise ContractDriftError(f"Contract drift: {len(context.drift)} differences: "
                                 + "; ".join(map(str, context.drift)))
