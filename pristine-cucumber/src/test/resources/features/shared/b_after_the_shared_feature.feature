Feature: A shared database is released when its feature ends

  Scenario: the next feature runs on its own database and the shared one is released
    Then there is 1 customer
    And no other database is leased
