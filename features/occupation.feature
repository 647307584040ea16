@writes @allure.label.epic:Occupation
Feature: Taking, pausing and completing spools
  A worker takes a spool (TOMAR) to work on one operation, pauses it (PAUSAR)
  or completes it (COMPLETAR) with the work date. Assembly (ARM) comes first,
  then welding (SOLD). One worker holds a spool at a time.

  @critical @R1 @irreversible @allure.label.story:ARM
  Scenario: A worker takes, pauses, takes again and completes assembly
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    And worker 93 has paused ARM
    And worker 93 has taken the spool for ARM
    When worker 93 completes ARM
    Then the action succeeds
    And the spool's ARM operation is complete, dated with the work date
    And the spool is free

  @critical @R13 @R21 @irreversible @allure.label.story:ARM
  Scenario: Finished assembly cannot be taken again, and the refusal leaves no lock
    Given a spool with ARM complete
    When worker 93 takes the spool for ARM
    Then it is refused because the operation is already complete
    And the refusal left no lock on the spool

  @critical @R1 @allure.label.story:ARM
  Scenario: Taking a spool makes the worker its holder
    Given a spool ready for ARM by worker 93
    When worker 93 takes the spool for ARM
    Then the action succeeds
    And the spool is held by worker 93 for ARM
    And worker 93 is recorded as the spool's ARM worker

  @normal @R1 @allure.label.story:ARM
  Scenario: Pausing frees the spool and keeps the work paused
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 93 pauses ARM
    Then the action succeeds
    And the spool is free
    And the spool's ARM operation is paused

  @critical @R7 @R17 @irreversible @allure.label.story:SOLD
  Scenario: Welding follows assembly
    Given a spool with ARM complete
    And worker 94 has taken the spool for SOLD
    When worker 94 completes SOLD
    Then the action succeeds
    And the spool's SOLD operation is complete, dated with the work date
    And the spool's ARM date is unchanged
    And the spool is free

  @normal @R15 @allure.label.story:SOLD
  Scenario: A welder pauses welding
    Given a spool with ARM complete
    And worker 94 has taken the spool for SOLD
    When worker 94 pauses SOLD
    Then the action succeeds
    And the spool is free
    And the spool's SOLD operation is paused

  @critical @R16 @irreversible @allure.label.story:Hand-over
  Scenario: Another worker resumes paused assembly and the first one stays its assembler
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    And worker 93 has paused ARM
    When worker 94 takes the spool for ARM
    Then the action succeeds
    And the spool is held by worker 94 for ARM
    And worker 93 is recorded as the spool's ARM worker

  @critical @R17 @irreversible @allure.label.story:METROLOGIA
  Scenario: Taking and completing inspection as an occupation stamps no assembly date
    Given a spool ready for ARM by worker 93
    And worker 95 has taken the spool for METROLOGIA
    When worker 95 completes METROLOGIA
    Then the action succeeds
    And the spool's ARM operation is not complete
    And the spool is free
