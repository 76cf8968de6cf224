Feature: Placing invoices (part {{part}})

  An invoice is priced from the catalogue and the database keeps its total: the sum of its lines.
  Every scenario registers customer 1000 and places invoice 5000, so on a shared database they collide.

  Background:
    Given a new customer 1000 "Ada Lovelace" with e-mail "ada@example.com" from "United Kingdom"

  Scenario: an invoice number is used once
    Given customer 1000 has placed invoice 5000 for 1 x track 1
    Then placing invoice 5000 again for customer 1000 is refused with "invoice 5000 already exists"
    And the store has 81 invoices

  Scenario Outline: invoice 5000 for <qty1> x track <track1> and <qty2> x track <track2> totals <total>
    When customer 1000 places invoice 5000 for <qty1> x track <track1> and <qty2> x track <track2>
    Then invoice 5000 is open and totals <total>
    And customer 1000 has spent <total> on 1 invoice
    And the store has 81 invoices

    Examples:
      | track1 | qty1 | track2 | qty2 | total |
{{rows}}
