Feature: Customers and their orders
  Each customer has one account per email address, and sees only their own orders.

  Rule: One account per email address

    Scenario: Signing up twice with the same email is refused
      Given Bruno has signed up
      When Clara signs up with Bruno's email
      Then she is told the email is taken

  Rule: An order is seen only by the customer who placed it

    Scenario: Another customer's order is not found
      Given the bakery has 5 Rye left
      And Bruno has signed up
      And Bruno orders 1 Rye
      And Clara has signed up
      When Clara looks for Bruno's order
      Then she is told there is no such order

  Rule: A basket is its customer's own

    Scenario: Two customers' baskets do not mix, and each order takes only its own
      Given the bakery has baked these loaves:
        | loaf | price | stock |
        | Rye  | 3.50  | 5     |
      And Bruno has signed up
      And Clara has signed up
      When Clara puts 2 Rye in her basket
      And Bruno puts 1 Rye in his basket
      And he places his order
      Then his order comes to 3.50
      And Clara's basket still holds 2 Rye
