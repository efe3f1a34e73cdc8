@allure.label.owner:team-checkout
Feature: The shopping cart
  Every shopper has a cart of their own, holding products and quantities at the catalog's
  current price. A cart never holds less than one of a product, nor more than the shop has in
  stock: shoppers should not be promised what the warehouse cannot send.

  Background:
    Given the shop sells these products:
      | product      | category | price | stock |
      | Blue Mug     | Kitchen  | 12.50 | 3     |
      | Espresso Cup | Kitchen  |  6.00 | 25    |
    And Paula is a registered shopper

  Rule: A cart never holds more of a product than the shop has in stock

    Scenario: Adding exactly what the shop has in stock is accepted
      When Paula adds 3 Blue Mugs to her cart
      Then her cart holds 3 Blue Mugs

    Scenario: Adding more than the shop has in stock is refused
      When Paula adds 4 Blue Mugs to her cart
      Then she is told only 3 Blue Mugs are in stock
      And her cart is empty

  Rule: A cart holds each product once, with its quantity, at the current price

    Scenario: Adding the same product twice adds up the quantities
      When Paula adds 1 Blue Mug to her cart
      And she adds 2 Blue Mugs to her cart
      Then her cart holds 3 Blue Mugs

    Scenario: Changing a quantity changes the cart total
      Given Paula has 2 Espresso Cups in her cart
      When she changes the quantity of Espresso Cups to 5
      Then her cart holds 5 Espresso Cups
      And her cart total is 30.00 EUR

    Scenario: Prices a binary float cannot hold add up to the cent
      Given the shop sells these products:
        | product | category   | price | stock |
        | Pencil  | Stationery | 0.10  | 10    |
        | Eraser  | Stationery | 0.20  | 10    |
      And Paula has 1 Pencil and 1 Eraser in her cart
      Then her cart total is 0.30 EUR

    Scenario: Removing a product takes it out of the cart
      Given Paula has 2 Espresso Cups and 1 Blue Mug in her cart
      When she removes the Espresso Cups from her cart
      Then her cart holds 1 Blue Mug

  Rule: Every shopper has a cart of her own

    Scenario: Two shoppers' carts do not mix
      Given Quentin is a registered shopper
      When Paula adds 2 Blue Mugs to her cart
      And Quentin adds 1 Espresso Cup to his cart
      Then Paula's cart holds 2 Blue Mugs
      And Quentin's cart holds 1 Espresso Cup
