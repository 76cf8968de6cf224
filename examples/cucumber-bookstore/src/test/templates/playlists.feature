Feature: Editing playlists (part {{part}})

  A track is on a playlist once; removing one closes the gap it leaves.

  Background:
    Given a new customer 1000 "Alan Turing" with e-mail "alan@example.com" from "United Kingdom"
    And customer 1000 has a playlist 500 called "Road trip"

  Scenario: a track is on a playlist only once
    When tracks 1, 2 and 3 are added to playlist 500
    Then adding track 2 to playlist 500 again is refused with "track 2 is already on playlist 500"
    And playlist 500 holds tracks 1, 2, 3 in that order

  Scenario Outline: adding <a>, <b> and <c>, then removing <b>
    When tracks <a>, <b> and <c> are added to playlist 500
    And track <b> is removed from playlist 500
    Then playlist 500 holds tracks <a>, <c> in that order
    And the store has 11 playlists

    Examples:
      | a | b | c |
{{rows}}
