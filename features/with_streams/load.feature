@load @writes @stream @disruptive @allure.label.epic:Load
Feature: The API holds production scale
  The incident happened because 30-50 workers plus long-lived dashboards
  exhausted a Redis that allows about 20-30 connections, and nothing had ever
  simulated that load. The run lasts a minute unless told otherwise, and the
  latency bound can be set; see the load-testing guide.

  @critical @R22 @R23 @R24 @allure.label.story:Production_scale
  Scenario: 50 workers cycle their spools while 20 dashboards watch
    Given 50 workers and 20 dashboards on the shop floor
    When they work for the load duration
    Then no request failed
    And the Redis pool stayed at or below 80 % of its connections
    And every dashboard saw every update
    And each call's 95th percentile stayed under the latency bound
