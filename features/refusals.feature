@writes @allure.label.epic:Occupation @allure.label.story:Refusals
Feature: Every refusal says why and leaves nothing behind
  When an action is not allowed the worker is told why, in the API's own
  words: an invalid request names the field at fault, every other refusal
  carries its reason. A refused action changes nothing and leaves no lock.

  @critical @R0
  Scenario: Completing without a work date is rejected, naming fecha_operacion
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 93 completes ARM without a work date
    Then it is rejected as invalid, naming "fecha_operacion"
    And the spool is held by worker 93 for ARM

  @normal @R0
  Scenario: A work date that is not a real calendar date is rejected
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 93 completes ARM with the work date "2026-02-30"
    Then it is rejected as invalid, naming "fecha_operacion"
    And the spool is held by worker 93 for ARM

  @normal @R0
  Scenario: An operation the shop does not know is rejected
    Given a spool ready for ARM by worker 93
    When worker 93 takes the spool for an operation called PINTURA
    Then it is rejected as invalid, naming "operacion"
    And the spool is free

  @critical @R3
  Scenario Outline: Work nobody holds cannot be <done>
    Given a spool ready for ARM by worker 93
    When worker 93 <does> ARM
    Then it is refused because <reason>
    And the spool is free

    Examples:
      | done      | does      | reason                              |
      | paused    | pauses    | nobody is working on that operation |
      | completed | completes | nobody holds the spool              |

  @critical @R4
  Scenario Outline: A spool nobody has heard of cannot be <done>
    Given a spool nobody has heard of
    When worker 93 <does>
    Then it is refused because the spool is unknown

    Examples:
      | done      | does                     |
      | taken     | takes the spool for ARM  |
      | paused    | pauses ARM               |
      | completed | completes ARM            |

  @critical @R10
  Scenario Outline: Only the holder may <verb> the work
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 94 <does> ARM
    Then it is refused because another worker holds the spool
    And the spool is held by worker 93 for ARM

    Examples:
      | verb     | does      |
      | pause    | pauses    |
      | complete | completes |

  @critical @R2
  Scenario: A spool someone holds cannot be taken
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 94 takes the spool for ARM
    Then it is refused because the spool is occupied
    And the spool is held by worker 93 for ARM

  @normal @R2
  Scenario: The holder cannot take the spool a second time
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 93 takes the spool for ARM
    Then it is refused because the spool is occupied
    And the spool is held by worker 93 for ARM

  @critical @R12 @needs-test-support
  Scenario: A spool without materials cannot be taken
    Given a spool without materials
    When worker 93 takes the spool for ARM
    Then it is refused because the spool has no materials
    And the spool is free

  @critical @R14 @R21 @irreversible
  Scenario: Welding cannot start before assembly
    Given a spool nobody has worked on
    When worker 94 takes the spool for SOLD
    Then it is refused because assembly has not started
    And the refusal left no lock on the spool

  @critical @R15 @irreversible
  Scenario Outline: The holder of assembly cannot <verb> welding
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When worker 93 <does> SOLD
    Then it is refused because nobody is working on that operation
    And the spool is held by worker 93 for ARM
    And the spool's ARM operation is not complete

    Examples:
      | verb     | does      |
      | pause    | pauses    |
      | complete | completes |

  @critical @R11 @local-only
  Scenario: A lapsed lock frees the spool for the next worker
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    And the lock on the spool has lapsed
    When worker 93 pauses ARM
    Then it is refused because nobody holds the spool
    And worker 94 can take the spool for ARM
