@writes @allure.label.epic:Occupation @allure.label.story:Race
Feature: One spool, one holder
  The occupation lock is taken atomically in Redis: when several workers
  reach for the same free spool at the same moment, exactly one gets it.

  @blocker @R2
  Scenario Outline: <takers> workers race for one free spool
    Given a spool nobody has worked on
    When <takers> workers race to take the spool for ARM
    Then exactly one of them holds the spool
    And every other one is told the spool is occupied

    Examples:
      | takers |
      | 2      |
      | 10     |
