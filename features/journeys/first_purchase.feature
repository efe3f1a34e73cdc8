@allure.label.owner:team-checkout @blocker
Feature: A first purchase
  The journey every new customer takes, from registering to seeing their first order. It
  crosses every module of the shop: accounts, catalog, cart and orders. If it breaks, the shop
  takes no money, so every step is checked in what the shop answers and in what it stored.

  Rule: A new customer can go from registering to a paid order

    Scenario: Paula registers, shops for her kitchen and places her first order
      Given the shop sells these products:
        | product      | category | price | stock |
        | Blue Mug     | Kitchen  | 12.50 | 10    |
        | Espresso Cup | Kitchen  |  6.00 | 25    |
        | Tea Towel    | Kitchen  |  4.50 | 40    |
        | Travel Mug   | Outdoor  | 18.00 | 5     |
      When Paula registers as a shopper
      And she signs in
      And she browses the Kitchen category
      Then she sees Blue Mug, Espresso Cup and Tea Towel, in that order
      When she searches the catalog for "mug"
      Then she sees Blue Mug and Travel Mug, in that order
      When she adds 1 Blue Mug to her cart
      And she adds 2 Espresso Cups to her cart
      And she changes the quantity of Blue Mugs to 2
      Then her cart total is 37.00 EUR
      And every business rule still holds
      When she checks out
      Then her order is paid with a total of 37.00 EUR
      And her order has 2 Blue Mugs at 12.50 and 2 Espresso Cups at 6.00
      And 8 Blue Mugs and 23 Espresso Cups are left in stock
      And her cart is empty
      And she sees her order among her orders
      And her order in the shop matches its records
