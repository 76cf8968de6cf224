Feature: Scenarios run at the same time, each on its own database

  The two scenarios wait for each other, so they only pass when they run in parallel.

  Scenario: the first partner
    Given a customer 1 with e-mail "ada@example.com"
    When the scenario waits for its partner
    Then there are 2 customers
    And the database is recorded as "partner 1"

  Scenario: the second partner
    Given a customer 1 with e-mail "ada@example.com"
    When the scenario waits for its partner
    Then there are 2 customers
    And the database is recorded as "partner 2"
