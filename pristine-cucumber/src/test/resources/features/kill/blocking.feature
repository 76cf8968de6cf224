Feature: A scenario that holds its database until its JVM is killed

  Scenario: waiting for the kill
    Given a customer 1 with e-mail "ada@example.com"
    Then the parent is told the database and the scenario waits
