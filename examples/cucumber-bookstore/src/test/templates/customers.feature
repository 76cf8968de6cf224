Feature: Registering customers (part {{part}})

  A customer registers with an e-mail nobody else has, whatever its case.

  Scenario: an e-mail is registered once, whatever its case
    When "Ada" "Lovelace" registers with e-mail "Ada@Example.com" from "United Kingdom" as customer 1000
    Then registering "Someone Else" with e-mail "ada@example.com" as customer 1001 is refused with "e-mail ada@example.com is already registered"
    And the store has 31 customers

  Scenario Outline: registering <first> <last> from <country>
    When "<first>" "<last>" registers with e-mail "<email>" from "<country>" as customer 1000
    Then customer 1000 is "<first> <last>" from "<country>"
    And the store has 31 customers
    And registering "Someone Else" with e-mail "<email>" as customer 1001 is refused with "e-mail <email> is already registered"

    Examples:
      | first | last | email | country |
{{rows}}
