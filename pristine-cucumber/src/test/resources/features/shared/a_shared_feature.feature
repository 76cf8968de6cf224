@pristine-shared
Feature: The scenarios of a feature tagged pristine-shared share one database

  Scenario: the first scenario writes
    Given a customer 1 with e-mail "ada@example.com"
    Then the database is recorded as "shared first"

  Scenario: the second scenario sees what the first wrote
    Then there are 2 customers
    And the database is recorded as "shared second"
