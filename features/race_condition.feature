@writes @allure.label.epic:Occupation @allure.label.story:Race
Feature: One spool, one holder
  Redis takes the occupation lock atomically: when several takers reach for
  the same free spool at the same moment, exactly one gets it.

  @blocker
  Scenario Outline: <takers> takers race for one free spool
    Given a fresh spool
    When <takers> takers race for the spool for ARM
    Then exactly one taker holds the spool
    And every other taker is told the spool is occupied

    Examples:
      | takers |
      | 2      |
      | 10     |
