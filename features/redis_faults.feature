@local-only @writes @allure.label.epic:Health @allure.label.story:Redis_faults
Feature: When Redis fails, the service says so and recovers by itself
  In the incident Redis refused connections: taking, pausing and completing
  failed while the workers list and history kept working. On the embedded
  stand-in the suite breaks its Redis on purpose to check that the service
  refuses cleanly, keeps its reads, tells the truth in health, and recovers.

  @blocker @R22 @R6
  Scenario: With Redis down, actions are refused as Redis unavailable and reads still work
    Given a spool ready for ARM by worker 93
    And Redis has stopped
    When worker 93 takes the spool for ARM
    Then it is refused because Redis is unavailable
    And the spool's history can still be read
    And the workers list can still be read
    And the service reports itself degraded, with Redis failing
    And Redis is reported unhealthy, with the reason

  @blocker @R22
  Scenario: When Redis comes back, the service recovers without a restart
    Given a spool ready for ARM by worker 93
    And Redis has stopped
    And Redis has come back
    When worker 93 takes the spool for ARM
    Then the action succeeds
    And the service is healthy again within the health-check interval
