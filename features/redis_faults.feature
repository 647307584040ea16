@local-only @writes @allure.label.epic:Redis_faults
Feature: When Redis fails, the service says so and recovers by itself
  In the incident Redis refused connections and occupation failed while the
  workers list and history kept working. On the embedded stand-in the suite
  can break its Redis on purpose and check the service degrades cleanly.

  @blocker @allure.label.story:Redis_down
  Scenario: With Redis down, occupation is refused as Redis unavailable and reads still work
    Given a fresh spool
    And Redis has stopped
    When worker 93 takes the spool for ARM
    Then it is refused because Redis is unavailable
    And the spool's history can still be read
    And the workers list can still be read
    And the service reports itself degraded

  @blocker @allure.label.story:Redis_back
  Scenario: When Redis comes back, the service recovers without a restart
    Given a fresh spool
    And Redis has stopped
    And Redis has come back
    When worker 93 takes the spool for ARM
    Then the action succeeds
    And the service reports itself healthy within the health-check interval

  @critical @allure.label.story:Maxclients
  Scenario: Redis allowing too few connections is refused as Redis unavailable, never a server error
    Given 20 fresh spools
    And Redis accepts only 1 connection from the service
    When 20 workers take their own spool for ARM at the same moment
    Then every answer is a success or a refusal because Redis is unavailable
    And at least one answer is a refusal because Redis is unavailable
