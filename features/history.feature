@allure.label.epic:History
Feature: The spool's history tells who worked on it and for how long
  History comes from the audit trail. It is one record per spool with its
  work sessions, oldest first: a session opens when a worker takes the spool
  and closes when the worker pauses or completes it.

  @writes @critical @allure.label.story:Sessions
  Scenario: Taking a spool opens a session
    Given worker 93 has taken a fresh spool for ARM
    When someone reads the spool's history
    Then the history has 1 session
    And session 1 is ARM by worker 93, still open

  @writes @critical @allure.label.story:Sessions
  Scenario: Pausing closes the session as paused, completing as complete
    Given worker 93 has taken a fresh spool for ARM
    And worker 93 has paused it
    And worker 93 has taken the spool for ARM
    And worker 93 has completed the work it holds
    When someone reads the spool's history
    Then the history has 2 sessions
    And session 1 is ARM by worker 93, closed as paused
    And session 2 is ARM by worker 93, closed as complete
    And the sessions are oldest first

  @writes @normal @allure.label.story:Sessions
  Scenario: Sessions of several workers and operations follow the work
    Given a fresh spool
    And worker 93 has completed ARM on the spool
    And worker 94 has taken the spool for SOLD
    When someone reads the spool's history
    Then the history has 2 sessions
    And session 1 is ARM by worker 93, closed as complete
    And session 2 is SOLD by worker 94, still open

  @writes @critical @allure.label.story:METROLOGIA
  Scenario: An inspection verdict is one instant session
    Given a fresh spool
    And the spool has been approved by METROLOGIA
    When someone reads the spool's history
    Then the history has 3 sessions
    And session 3 is an instant METROLOGIA session with the verdict APROBADO

  @smoke @normal @allure.label.story:Errors
  Scenario: The history of a spool nobody has heard of
    When someone reads the history of a spool nobody has heard of
    Then it is refused because the spool is unknown
