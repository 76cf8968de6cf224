Feature: Paying and refunding invoices (part {{part}})

  Only a paid invoice can be refunded, and a refunded invoice is final: the database refuses any change.

  Background:
    Given a new customer 1000 "Grace Hopper" with e-mail "grace@example.com" from "USA"

  Scenario: an open invoice cannot be refunded
    Given customer 1000 has placed invoice 5000 for 2 x track 3
    Then refunding invoice 5000 is refused with "invoice 5000 is OPEN: only paid invoices can be refunded"
    And the store has 0 refunded invoices

  Scenario Outline: refunding a paid invoice for <qty> x track <track>
    Given customer 1000 has placed invoice 5000 for <qty> x track <track>
    And invoice 5000 is paid
    When invoice 5000 is refunded
    Then invoice 5000 is refunded and totals <total>
    And customer 1000 has spent 0.00 on 1 invoice
    And the store has 1 refunded invoice
    And paying invoice 5000 again is refused with "invoice 5000 is refunded: a refunded invoice cannot change status"

    Examples:
      | track | qty | total |
{{rows}}
