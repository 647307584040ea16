@smoke @allure.label.epic:Contract
Feature: The target is the ZEUES v3.0 the suite was written for
  The old end-to-end script failed for the wrong reasons because it assumed an
  API that production did not serve. Before any workflow is judged, the API's
  own published description is compared, field by field, with ZEUES v3.0 as
  its code describes itself and with the suite's contract.

  @blocker @drift
  Scenario: The published description agrees with ZEUES v3.0, field by field
    Given the API publishes its description
    When its description is compared with ZEUES v3.0 and with the contract
    Then no route or field differs
