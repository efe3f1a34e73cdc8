Feature: Nobody orders bread that is not on the shelf
  Loaves are baked in the morning in small batches. An order takes what is left and never
  more, so the bakery never owes a customer bread it does not have.

  Rule: An order takes no more loaves than are left

    Scenario: The exact last loaves can be ordered
      Given the bakery has 3 Rye left
      And Bruno has signed up
      When Bruno orders 3 Rye
      Then 0 Rye are left on the shelf

    Scenario: One more than is left is refused, and nothing changes
      Given the bakery has 3 Rye left
      And Bruno has signed up
      When Bruno orders 4 Rye
      Then he is told only 3 Rye are left
      And 3 Rye are left on the shelf
      And his basket still holds 4 Rye

  Rule: A total is exact to the penny

    Scenario Outline: Prices a binary float cannot hold add up exactly: <basket>
      Given the bakery has baked these loaves:
        | loaf | price | stock |
        | Roll | 0.10  | 10    |
        | Bun  | 0.20  | 10    |
        | Bap  | 0.29  | 10    |
      And Bruno has signed up
      When Bruno puts <basket> in his basket
      And he places his order
      Then his order comes to <total>

      Examples:
        | basket          | total |
        | 1 Roll and 1 Bun | 0.30  |
        | 1 Bap            | 0.29  |
        | 2 Baps and 1 Bun | 0.78  |
