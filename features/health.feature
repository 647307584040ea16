@smoke @allure.label.epic:Health
Feature: The service says how it and its Redis are doing
  The incident went unnoticed because health did not include Redis. These
  checks only read: they are safe against any deployment, production too.

  @blocker @R6 @allure.label.story:Health
  Scenario: Service health says Redis works
    When the service health is read
    Then the service reports version 3
    And the service is healthy, with Redis working

  @blocker @R6 @allure.label.story:Redis
  Scenario: Redis health says Redis answers
    When Redis health is read
    Then Redis is reported healthy

  @critical @R23 @allure.label.story:Pool
  Scenario: A manager can see how full the connection pool is
    When the connection pool figures are read
    Then the figures show the connections in use and available
    And the figures add up, with an alert only above 80 %

  @normal @R25 @allure.label.story:Workers
  Scenario: The workers list shows the active workers by initials and number
    When the workers list is read
    Then every worker listed is active
    And every worker is shown by initials and number
    And the total is the number of workers listed
