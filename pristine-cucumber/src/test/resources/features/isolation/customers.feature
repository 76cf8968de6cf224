Feature: Every scenario has a database of its own

  Every scenario registers the same customer with the same e-mail: on a shared database the second one
  would break the unique key, and the counts would be off.

  Scenario Outline: registering customer 1 (<run>)
    Given a customer 1 with e-mail "ada@example.com"
    Then there are 2 customers
    And the database is recorded as "customers <run>"

    Examples:
      | run |
      | 1   |
      | 2   |
      | 3   |
      | 4   |
      | 5   |
      | 6   |
      | 7   |
      | 8   |
      | 9   |
      | 10  |
