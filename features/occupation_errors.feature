@writes @allure.label.epic:Occupation @allure.label.story:Errors
Feature: Every refusal says why
  When an action is not allowed, the shop floor must be told why, in the
  contract's words: an invalid request names the field at fault, every other
  refusal carries its reason.

  @critical
  Scenario: Completing without a work date is rejected, naming fecha_operacion
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 completes ARM without a work date
    Then it is rejected as invalid, naming "fecha_operacion"
    And the spool is held by worker 93 for ARM

  @normal
  Scenario: A work date that is not a real calendar date is rejected
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 completes ARM with the work date "2026-02-30"
    Then it is rejected as invalid, naming "fecha_operacion"

  @normal
  Scenario: A METROLOGIA verdict must say which verdict
    Given a fresh spool
    And the spool has passed ARM and SOLD
    When worker 95 records a METROLOGIA verdict without saying which
    Then it is rejected as invalid, naming "resultado"
    And the spool's METROLOGIA operation is pending

  @normal
  Scenario: An operation the shop does not know is rejected
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 completes an operation called PINTURA
    Then it is rejected as invalid, naming "operacion"

  @critical
  Scenario: Taking a spool nobody has heard of
    When worker 93 takes a spool nobody has heard of for ARM
    Then it is refused because the spool is unknown

  @normal
  Scenario: A worker who does not exist cannot take a spool
    Given a fresh spool
    When worker 999 takes the spool for ARM
    Then it is refused because the worker is unknown
    And the spool is free

  @normal
  Scenario: An inactive worker cannot take a spool
    Given worker 96 is not among the active workers
    And a fresh spool
    When worker 96 takes the spool for ARM
    Then it is refused because the worker is not active
    And the spool is free

  @critical
  Scenario Outline: Only the holder may <verb> the work
    Given worker 93 has taken a fresh spool for ARM
    When worker 94 <does>
    Then it is refused because another worker holds the spool
    And the spool is held by worker 93 for ARM

    Examples:
      | verb     | does                |
      | pause    | pauses ARM          |
      | complete | completes ARM today |

  @critical
  Scenario: A spool someone holds cannot be taken
    Given worker 93 has taken a fresh spool for ARM
    When worker 94 takes the spool for ARM
    Then it is refused because the spool is occupied
    And the spool is held by worker 93 for ARM

  @normal
  Scenario: The holder cannot take the spool a second time
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 takes the spool for ARM
    Then it is refused because the spool is occupied

  @critical
  Scenario Outline: Work nobody holds cannot be <done>
    Given a fresh spool
    When worker 93 <does>
    Then it is refused because the spool is not occupied

    Examples:
      | done      | does                |
      | paused    | pauses ARM          |
      | completed | completes ARM today |

  @normal
  Scenario: The holder naming another operation is told it is not occupied
    Given worker 93 has taken a fresh spool for ARM
    When worker 93 pauses SOLD
    Then it is refused because the spool is not occupied
    And the spool is held by worker 93 for ARM

  @normal
  Scenario: Completed work cannot be taken again
    Given a fresh spool
    And worker 93 has completed ARM on the spool
    When worker 93 takes the spool for ARM
    Then it is refused because the operation is already complete

  @critical
  Scenario: Welding before assembly is complete is refused
    Given a fresh spool
    When worker 94 takes the spool for SOLD
    Then it is refused because the previous operation is not complete
    And the spool is free

  @normal
  Scenario: Inspection before welding is complete is refused
    Given a fresh spool
    And worker 93 has completed ARM on the spool
    When worker 95 records the METROLOGIA verdict APROBADO
    Then it is refused because the previous operation is not complete

  @normal
  Scenario: Inspection of a spool someone holds is refused
    Given a fresh spool
    And worker 93 has completed ARM on the spool
    And worker 94 has taken the spool for SOLD
    When worker 95 records the METROLOGIA verdict APROBADO
    Then it is refused because the spool is occupied

  @critical
  Scenario: A second verdict is refused
    Given a fresh spool
    And the spool has been approved by METROLOGIA
    When worker 95 records the METROLOGIA verdict RECHAZADO
    Then it is refused because the verdict is already recorded
    And the spool's METROLOGIA operation is approved
