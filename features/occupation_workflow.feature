@writes @allure.label.epic:Occupation
Feature: Taking, pausing and completing spools
  Workers take a spool (TOMAR) to work on one operation, pause it (PAUSAR) or
  complete it (COMPLETAR). ARM comes first, then SOLD, then the METROLOGIA
  verdict, which is recorded in one go.

  @critical @allure.label.story:ARM
  Scenario: A worker takes, pauses and completes assembly
    Given worker 93 has taken a fresh spool for ARM
    And worker 93 has paused it
    When worker 93 takes it again and completes ARM today
    Then the spool's ARM operation is complete
    And the spool is free for the next worker

  @critical @allure.label.story:ARM
  Scenario: Taking a spool makes the worker its only holder
    Given a fresh spool
    When worker 93 takes the spool for ARM
    Then the action succeeds
    And the spool is held by worker 93 for ARM
    And the spool's ARM operation is in progress

  @normal @allure.label.story:ARM
  Scenario: Pausing frees the spool and keeps the work paused
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 pauses ARM
    Then the action succeeds
    And the spool is free
    And the spool's ARM operation is paused

  @critical @allure.label.story:SOLD
  Scenario: Welding follows assembly
    Given a fresh spool
    And worker 93 has completed ARM on the spool
    When worker 94 takes the spool for SOLD and completes it today
    Then the spool's SOLD operation is complete
    And the spool is free for the next worker

  @critical @allure.label.story:METROLOGIA
  Scenario Outline: Inspection records its verdict in one go
    Given a fresh spool
    And the spool has passed ARM and SOLD
    When worker 95 records the METROLOGIA verdict <verdict>
    Then the verdict is <verdict>
    And the spool's METROLOGIA operation is <state>
    And the spool is free

    Examples:
      | verdict   | state    |
      | APROBADO  | approved |
      | RECHAZADO | rejected |
