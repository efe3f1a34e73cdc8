@allure.label.owner:team-checkout @critical
Feature: Checking out
  Checking out turns the cart into an order all at once or not at all. The order keeps each
  product's price at that moment, the stock goes down by exactly what was ordered and the cart
  is emptied. If anything is missing, nothing is ordered and nothing changes.
  A shopper sees only their own orders; someone else's order does not exist for them.

  Background:
    Given the shop sells these products:
      | product      | category | price | stock |
      | Blue Mug     | Kitchen  | 12.50 | 10    |
      | Espresso Cup | Kitchen  |  6.00 | 25    |
    And Paula is a registered shopper

  Rule: Checking out is all or nothing: stock down by what was ordered, the cart emptied

    Scenario: Checking out takes the ordered quantities from stock and empties the cart
      Given Paula has 2 Blue Mugs and 3 Espresso Cups in her cart
      When she checks out
      Then her order is paid with a total of 43.00 EUR
      And 8 Blue Mugs and 22 Espresso Cups are left in stock
      And her cart is empty
      And her order in the shop matches its records

    Scenario: Checking out an empty cart is refused
      When Paula checks out
      Then she is told her cart is empty
      And she has no orders

    @tracing
    Scenario: Checking out asks the payment provider once, and nothing else outside the shop
      Given Paula has 2 Blue Mugs in her cart
      When she checks out
      Then her checkout asked the payment provider once and was charged once
      And her checkout called no outside service but the payment provider

    @tracing
    Scenario: Checking out an empty cart calls no outside service
      When Paula checks out
      Then she is told her cart is empty
      And her checkout called no outside service

    @allure.issue:SHOP-12
    Scenario: Checking out exactly what is left empties the shelf
      Given Paula has 2 Blue Mugs in her cart
      And only 2 Blue Mugs are left in stock
      When she checks out
      Then her order is paid with a total of 25.00 EUR
      And 0 Blue Mugs are left in stock
      And her cart is empty

    Scenario: Checking out more than is left in stock orders nothing
      Given Paula has 3 Blue Mugs in her cart
      And only 2 Blue Mugs are left in stock
      When she checks out
      Then she is told there are not enough Blue Mugs
      And she has no orders
      And 2 Blue Mugs are left in stock
      And her cart holds 3 Blue Mugs

  Rule: An order totals at most 21,474,836.47 EUR, the most the shop can record

    Scenario: An order of exactly the most the shop can record is placed
      Given the shop sells these products:
        | product  | category | price       | stock |
        | Gold Bar | Vault    | 21474836.47 | 1     |
      And Paula has 1 Gold Bar in her cart
      When she checks out
      Then her order is paid with a total of 21474836.47 EUR

    Scenario: One cent more is refused, and nothing is ordered
      Given the shop sells these products:
        | product     | category | price       | stock |
        | Gold Bar    | Vault    | 21474836.47 | 1     |
        | Penny Sweet | Vault    | 0.01        | 1     |
      And Paula has 1 Gold Bar and 1 Penny Sweet in her cart
      When she checks out
      Then she is told her order of 21474836.48 EUR is too large
      And she has no orders

  Rule: An order keeps each product's price at the moment it was placed

    Scenario: An order keeps the price it was placed at
      Given Paula has ordered 2 Blue Mugs
      When the price of a Blue Mug changes to 15.00
      Then her order has 2 Blue Mugs at 12.50
      And her order is paid with a total of 25.00 EUR

  Rule: Each order is charged on its own, under its own reference

    Scenario: Two orders of one shopper are two charges
      Given Paula has ordered 1 Blue Mug
      And Paula has ordered 2 Espresso Cups
      Then the payment provider charged 12.50 EUR and 12.00 EUR, each under its own reference

  Rule: A shopper sees only her own orders

    Scenario: A shopper's list of orders holds only her own
      Given Paula has ordered 1 Blue Mug
      And Quentin is a registered shopper
      And Quentin has ordered 2 Espresso Cups
      Then Paula sees her order among her orders
      And Quentin sees his order among his orders

    Scenario: A shopper's orders are listed newest first, another shopper's between them
      Given Paula has ordered 1 Blue Mug
      And Quentin is a registered shopper
      And Quentin has ordered 1 Espresso Cup
      And Paula has ordered 2 Espresso Cups
      And Paula has ordered 3 Blue Mugs
      Then Paula sees her orders newest first: 3 Blue Mugs, 2 Espresso Cups, 1 Blue Mug

    Scenario Outline: A shopper cannot see another shopper's order, whoever registered first
      Given Quentin is a registered shopper
      And <owner> has ordered 1 Blue Mug
      When <other> asks for <owner>'s order
      Then <other> is told there is no such order

      Examples:
        | owner   | other   |
        | Paula   | Quentin |
        | Quentin | Paula   |
