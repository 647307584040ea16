@writes @stream @allure.label.epic:Live_updates
Feature: Dashboards follow the shop floor live
  Every successful TOMAR, PAUSAR and COMPLETAR reaches every dashboard that
  watches the live stream within a second, naming the operation actually
  worked; a refused action sends nothing. Scenarios that open the stream run
  after all the others: a service that breaks itself on them has already been
  judged on the rest.

  @critical @R20 @allure.label.story:Stream
  Scenario: A dashboard sees a worker take and pause assembly
    Given a spool ready for ARM by worker 93
    And a dashboard is watching live updates
    And worker 93 has taken the spool for ARM
    When worker 93 pauses ARM
    Then the dashboard sees worker 93 take the spool for ARM within 1 second
    And the dashboard sees ARM paused on the spool within 1 second

  @critical @R20 @allure.label.story:Stream
  Scenario: A dashboard sees a welding pause as welding
    Given a spool with ARM complete
    And a dashboard is watching live updates
    And worker 94 has taken the spool for SOLD
    When worker 94 pauses SOLD
    Then the dashboard sees SOLD paused on the spool within 1 second

  @normal @R20 @R21 @allure.label.story:Stream
  Scenario: A refused action sends no update
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    And a dashboard is watching live updates
    When worker 94 takes the spool for ARM
    Then it is refused because the spool is occupied
    And the dashboard sees no update for the spool within 1 second
