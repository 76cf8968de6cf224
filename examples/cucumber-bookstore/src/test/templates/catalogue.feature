Feature: Browsing the catalogue (part {{part}})

  The album summary comes from a view over albums, artists and tracks.

  Scenario Outline: album <album> by <artist> has <tracks> tracks
    Then album <album> by "<artist>" has <tracks> tracks
    And the store has 80 invoices

    Examples:
      | album | artist | tracks |
{{rows}}
