Feature: Scenarios that fail still release their databases

  Scenario: a scenario that passes
    Given a customer 1 with e-mail "ada@example.com"
    Then the database is recorded as "passes"

  Scenario: a step that fails an assertion
    Given a customer 1 with e-mail "ada@example.com"
    And the database is recorded as "assertion"
    Then this step fails on purpose

  Scenario: a step that throws
    Given the database is recorded as "throws"
    When this step throws on purpose
    Then there are 2 customers

  @broken-setup
  Scenario: a hook of the user that throws after the lease
    Given the database is recorded as "broken setup"
