@smoke @allure.label.epic:Contract
Feature: The API still describes the contract we test
  The seed's script failed for the wrong reasons because the API had moved
  away from what the script assumed. Before any workflow runs, the API's own
  published description is compared with our schemas, field by field.

  @blocker @allure.label.story:Drift
  Scenario: The published API description agrees with the contract
    Given the API publishes its description
    When its description is compared with the contract
    Then every field the contract requires is required by the API
    And every value the contract allows is allowed by the API
    And every field and endpoint the contract relies on is described by the API
