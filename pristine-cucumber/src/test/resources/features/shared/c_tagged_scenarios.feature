Feature: Scenarios tagged pristine-shared share the feature's database; the others do not

  @pristine-shared
  Scenario: a tagged scenario writes
    Given a customer 2 with e-mail "bob@example.com"
    Then the database is recorded as "tagged first"

  Scenario: an untagged scenario has a database of its own
    Then there is 1 customer
    And the database is recorded as "untagged"

  @pristine-shared
  Scenario: another tagged scenario sees what the first wrote
    Then there are 2 customers
    And the database is recorded as "tagged second"
