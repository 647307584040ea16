@smoke @allure.label.epic:Health
Feature: The service says how it and its Redis are doing
  The incident went unnoticed because health did not include Redis. These
  checks only read: they are safe against any deployment, production too.

  @blocker @allure.label.story:Health
  Scenario: Service health includes Redis
    When the service health is read
    Then the service reports its version
    And the service health includes the Redis status
    And the service is healthy

  @blocker @allure.label.story:Redis
  Scenario: Redis answers through the shared pool
    When Redis health is read
    Then Redis is reported healthy

  @critical @allure.label.story:Pool
  Scenario: The connection pool adds up
    When the connection pool figures are read
    Then active and available connections add up to the pool size
    And the utilization is the active share of the pool, in percent
    And the pool holds at most 20 connections

  @normal @allure.label.story:Workers
  Scenario: The workers list shows the active workers with their display names
    When the workers list is read
    Then every worker listed is active
    And every worker is shown by initials and number
    And the total is the number of workers listed
