@writes @stream @disruptive @allure.label.epic:Live_updates @allure.label.story:Incident
Feature: Dashboards cannot stop the shop
  The 2026-02-02 incident: the Redis connection pool was exhausted and every
  TOMAR, PAUSAR and COMPLETAR failed. Twenty dashboards watching, or twenty
  that came and went since the service started, must leave the pool's
  connections to the workers. These run last: at ZEUES v3.0 they break the
  service until it restarts.

  @blocker @R24
  Scenario: After 20 dashboards have come and gone, a worker can still take and pause a spool
    Given a spool ready for ARM by worker 93
    And 20 dashboards have come and gone
    And worker 93 has taken the spool for ARM
    When worker 93 pauses ARM
    Then the action succeeds
    And the service is healthy, with Redis working

  @blocker @R24
  Scenario: With 20 dashboards watching, a worker can still take and pause a spool
    Given a spool ready for ARM by worker 93
    And 20 dashboards are watching live updates
    And worker 93 has taken the spool for ARM
    When worker 93 pauses ARM
    Then the action succeeds
    And the service is healthy, with Redis working
