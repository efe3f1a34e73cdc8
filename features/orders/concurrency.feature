@isolation:delete @allure.label.owner:team-checkout @critical
Feature: Shoppers at the same moment
  On a busy evening many shoppers check out at once, and some send the same checkout twice.
  Whatever the timing, the shop never sells what it does not have, never charges twice for
  one checkout, and never fails a checkout because another one met it.

  These scenarios run under committed isolation (@isolation:delete), so their requests really
  reach the shop together.

  Background:
    Given the shop sells these products:
      | product      | category | price | stock |
      | Blue Mug     | Kitchen  | 12.00 | 20    |
      | Espresso Cup | Kitchen  | 6.00  | 20    |
      | Tea Towel    | Kitchen  | 4.50  | 20    |

  Rule: The last items go to as many shoppers as there are items, and no more

    Scenario: Two shoppers buy the last Blue Mug at the same moment
      Given only 1 Blue Mug is left in stock
      And Paula and Bob each have 1 Blue Mug in their carts
      When they all check out at the same moment
      Then 1 of them has an order
      And 1 of them is told there are not enough Blue Mugs
      And 0 Blue Mugs are left in stock

    Scenario: Ten shoppers for the last three
      Given only 3 Blue Mugs are left in stock
      And 10 shoppers each have 1 Blue Mug in their carts
      When they all check out at the same moment
      Then 3 of them have an order
      And 7 of them are told there are not enough Blue Mugs
      And 0 Blue Mugs are left in stock

  Rule: One cart is one order and one charge, however many checkouts of it arrive at once
    A browser's double submit carries no key: the checkout that comes second finds the cart
    already emptied into the first one's order. A client that sends its checkout again with
    the same key is answered that order every time.

    Scenario: Paula double-clicks "check out"
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When she clicks check out twice at the same moment
      Then one checkout places her order and the other is told the cart is empty
      And the payment provider was charged exactly once for 24.00 EUR
      And 18 Blue Mugs are left in stock

    Scenario: Paula's cart is checked out twenty times at once
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When she clicks check out 20 times at the same moment
      Then one checkout places her order and the other 19 are told the cart is empty
      And the payment provider was charged exactly once for 24.00 EUR
      And 18 Blue Mugs are left in stock

    Scenario: Paula's checkout is sent twice at the same moment
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When her checkout is sent twice at the same moment
      Then both answers are her one order
      And the payment provider was charged exactly once for 24.00 EUR

    Scenario: Paula's checkout is sent twenty times at once
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When her checkout is sent 20 times at the same moment
      Then every answer is her one order
      And the payment provider was charged exactly once for 24.00 EUR
      And 18 Blue Mugs are left in stock

    Scenario: A declined card puts the cart back for the next checkout
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      And the payment provider declines her card
      When she clicks check out twice at the same moment
      Then no checkout places her order
      And her cart holds 2 Blue Mugs

  Rule: An order is placed before it is paid: while the provider decides, it holds its stock
    The order and the stock it takes are saved, and announced, before the payment provider is
    asked: another checkout meanwhile cannot sell the same mugs, and an order whose payment
    never came back can still be found and settled.

    Scenario: While the payment provider decides, Paula's order already waits for payment
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When she checks out while the payment provider takes its time
      Then while it decided, her order awaited payment, announced as placed, its Blue Mugs already taken from stock
      And her order is paid

  Rule: Stock put back at the same moment is all put back

    Scenario: Ten shoppers cancel at the same moment, and every mug goes back on the shelf
      Given 10 shoppers have each ordered 1 Blue Mug
      When they all cancel their orders at the same moment
      Then all 10 of their orders are cancelled
      And 20 Blue Mugs are left in stock

  Rule: Checkouts of the same products never fail because they met

    Scenario: Carts holding the same products in opposite orders check out together
      Given 4 shoppers each have 1 Blue Mug, 1 Espresso Cup and 1 Tea Towel in their carts
      And 4 more shoppers each have 1 Tea Towel, 1 Espresso Cup and 1 Blue Mug in their carts
      When they all check out at the same moment
      Then 8 of them have an order
      And 12 Blue Mugs, 12 Espresso Cups and 12 Tea Towels are left in stock
