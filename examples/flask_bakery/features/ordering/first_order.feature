Feature: A first order
  A new customer finds the bakery, chooses bread and orders it in one visit.
  What they ordered leaves the shelf, and the basket starts again empty.

  Scenario: A new customer orders bread for the weekend
    Given the bakery has baked these loaves:
      | loaf      | price | stock |
      | Sourdough | 4.20  | 5     |
      | Rye       | 3.10  | 3     |
    And Bruno has signed up
    When Bruno puts 2 Sourdough and 1 Rye in his basket
    And he places his order
    Then his order comes to 11.50
    And 3 Sourdough and 2 Rye are left on the shelf
    And his basket is empty
