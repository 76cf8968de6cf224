Feature: The database is there for the user's own hooks

  @observe-hooks
  Scenario: the user's hooks see the scenario's database
    Given the database is recorded as "steps"
    And the scenario's connection is recorded

  @too-early
  Scenario: a hook ordered before the glue's finds no database
    Given the database is recorded as "after the early hook"
