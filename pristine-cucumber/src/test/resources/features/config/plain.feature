Feature: Two plain scenarios

  Scenario: the first plain scenario
    Then there is 1 customer

  Scenario: the second plain scenario
    Then there is 1 customer
