@writes @allure.label.epic:Live_updates
Feature: Dashboards see the shop floor live
  Every TOMAR, PAUSAR and COMPLETAR reaches every dashboard watching the
  live stream within one second.

  @critical @allure.label.story:Stream
  Scenario: A dashboard sees a TOMAR within a second
    Given a fresh spool
    And a dashboard is watching live updates
    When worker 93 takes the spool for ARM
    Then the dashboard sees worker 93 take the spool for ARM within 1 second

  @normal @allure.label.story:Stream
  Scenario: A dashboard sees a pause and a completion in the order they happened
    Given worker 93 has taken a fresh spool for ARM
    And a dashboard is watching live updates
    And worker 93 has paused it
    When worker 93 takes it again and completes ARM today
    Then the dashboard sees worker 93 pause, take and complete ARM, in that order, within 1 second

  @normal @allure.label.story:METROLOGIA
  Scenario: A dashboard sees the inspection verdict
    Given a fresh spool
    And the spool has passed ARM and SOLD
    And a dashboard is watching live updates
    When worker 95 records the METROLOGIA verdict RECHAZADO
    Then the dashboard sees the METROLOGIA verdict RECHAZADO within 1 second
