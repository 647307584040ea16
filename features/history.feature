@allure.label.epic:History
Feature: A spool's history tells who worked on it and for how long
  History is one record per spool with its work sessions, oldest first: a
  session opens when a worker takes the spool and closes when that worker
  pauses or completes the work, with its duration. Times are Santiago time.

  @normal @R5
  Scenario: A spool nobody has worked on has an empty history
    Given a spool nobody has worked on
    When someone reads the spool's history
    Then the history has no sessions

  @smoke @normal @R4 @R5
  Scenario: The history of a spool nobody has heard of
    Given a spool nobody has heard of
    When someone reads the spool's history
    Then it is refused because the spool is unknown

  @writes @critical @R18
  Scenario: Taking a spool opens a session
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When someone reads the spool's history
    Then the latest session is ARM by worker 93, still open

  @writes @critical @R18
  Scenario: Pausing closes the session with its duration
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    And worker 93 has paused ARM
    When someone reads the spool's history
    Then the latest session is ARM by worker 93, closed with its duration
    And the sessions are oldest first

  @writes @critical @R18 @irreversible
  Scenario: Completing welding closes the welding session
    Given a spool with ARM complete
    And worker 94 has taken the spool for SOLD
    And worker 94 has completed SOLD
    When someone reads the spool's history
    Then the latest session is SOLD by worker 94, closed with its duration

  @writes @normal @R19
  Scenario: History times are the real time in Santiago
    Given a spool ready for ARM by worker 93
    And worker 93 has taken the spool for ARM
    When someone reads the spool's history
    Then the latest session started when worker 93 took the spool, in Santiago time
