@writes @allure.label.epic:Occupation @allure.label.story:METROLOGIA
Feature: The inspector records the METROLOGIA verdict in one call
  Inspection needs no TOMAR: on a spool whose assembly and welding are
  complete and that nobody holds, the inspector records APROBADO or RECHAZADO
  at once. Every verdict that cannot be given is refused with its reason and
  records nothing.

  @critical @R8 @irreversible
  Scenario Outline: The inspector records the verdict <verdict>
    Given a spool with ARM and SOLD complete
    When worker 95 records the verdict <verdict>
    Then the verdict <verdict> is recorded
    And the spool is no longer waiting for inspection

    Examples:
      | verdict   |
      | APROBADO  |
      | RECHAZADO |

  @critical @R9
  Scenario: A spool whose assembly is not complete cannot be inspected
    Given a spool ready for ARM by worker 93
    When worker 95 records the verdict APROBADO
    Then it is refused because assembly is not complete
    And the spool is not inspected

  @normal @R9 @irreversible
  Scenario: A spool whose welding is not complete cannot be inspected
    Given a spool with ARM complete
    When worker 95 records the verdict APROBADO
    Then it is refused because welding is not complete
    And the spool is not inspected

  @normal @R9 @irreversible
  Scenario: A second verdict is refused
    Given a spool already inspected
    When worker 95 records the verdict RECHAZADO
    Then it is refused because the verdict is already recorded

  @normal @R9 @irreversible
  Scenario: A spool someone holds cannot be inspected
    Given a spool with ARM and SOLD complete
    And worker 93 has taken the spool for METROLOGIA
    When worker 95 records the verdict APROBADO
    Then it is refused because the spool is occupied
    And the spool is not inspected

  @normal @R9
  Scenario: Only an active worker can record a verdict
    Given a spool ready for ARM by worker 93
    And worker 96 is not an active worker
    When worker 96 records the verdict APROBADO
    Then it is refused because the inspector is not an active worker

  @normal @R9
  Scenario: A spool nobody has heard of cannot be inspected
    Given a spool nobody has heard of
    When worker 95 records the verdict APROBADO
    Then it is refused because the spool is unknown

  @normal @R0
  Scenario: A verdict the shop does not know is rejected
    Given a spool ready for ARM by worker 93
    When worker 95 records a verdict called QUIZAS
    Then it is rejected as invalid, naming "resultado"
