@allure.label.owner:team-checkout @critical
Feature: An order's life
  An order is paid at checkout, shipped by the warehouse and then delivered. Until it ships,
  the shopper may cancel it: the stock goes back on the shelf and, if it was paid, the money
  goes back to the card. Once shipped, it can no longer be cancelled. Only the warehouse
  ships and delivers.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Paula is a registered shopper
    And Sam works in the warehouse
    And the payment provider approves payments

  Rule: A paid order is shipped, then delivered

    Scenario: A paid order is shipped and then delivered
      Given Paula has ordered 2 Blue Mugs
      When Sam ships Paula's order
      And Sam marks Paula's order as delivered
      Then her order is delivered with a total of 24.00 EUR
      And the payment provider was charged exactly once for 24.00 EUR
      And 8 Blue Mugs are left in stock

  Rule: Until it ships, an order can be cancelled: stock back, money back (or, if the money cannot go back, nothing changes)

    Scenario: Cancelling a paid order refunds it and puts the stock back
      Given Paula has ordered 2 Blue Mugs
      When she cancels her order
      Then her order is cancelled
      And the payment provider refunded 24.00 EUR
      And 10 Blue Mugs are left in stock
      And the ledger shows 2 Blue Mugs put back on the shelf

    Scenario: Cancelling her newest order leaves her earlier one as it was
      Given Paula has ordered 2 Blue Mugs
      And Paula has ordered 1 Blue Mug
      When she cancels her order
      Then her order is cancelled
      And the payment provider refunded 12.00 EUR
      And 8 Blue Mugs are left in stock

    Scenario: Two shoppers cancel their paid orders, and each has her own money back
      Given Rita is a registered shopper
      And Paula has ordered 2 Blue Mugs
      And Rita has ordered 1 Blue Mug
      When Paula cancels her order
      And Rita cancels her order
      Then the payment provider refunded 24.00 EUR and 12.00 EUR
      And 10 Blue Mugs are left in stock

    Scenario: Cancelling puts back only what the order held
      Given the shop sells these products:
        | product | category | price | stock |
        | Tea Pot | Kitchen  | 30.00 | 5     |
      And Paula has ordered 1 Tea Pot
      When she cancels her order
      Then 5 Tea Pots are left in stock
      And 10 Blue Mugs are left in stock

    Scenario Outline: When the provider <trouble>, a paid order stays paid
      Given Paula has ordered 2 Blue Mugs
      And the payment provider <trouble>
      When she cancels her order
      Then she is told the refund could not be made
      And her order is paid
      And 8 Blue Mugs are left in stock
      And the payment provider refunded nothing

      Examples:
        | trouble                       |
        | cannot make refunds right now |
        | answers refunds with nonsense |
        | refuses refunds               |

    Scenario: A shipped order can no longer be cancelled
      Given Paula has ordered 2 Blue Mugs
      And Sam has shipped Paula's order
      When Paula cancels her order
      Then she is told her order is shipped and cannot be cancelled
      And 8 Blue Mugs are left in stock

  Rule: Each move starts only from the status before it: nothing ships twice, nothing is delivered before it ships, nothing delivered or cancelled moves again

    Scenario: A paid order cannot be delivered before it ships
      Given Paula has ordered 1 Blue Mug
      When Sam marks Paula's order as delivered
      Then Sam is told Paula's order is paid and cannot be delivered

    Scenario Outline: An order still waiting for its payment cannot be <moved>
      Given Paula has an order still waiting for its payment
      When <attempt>
      Then Sam is told Paula's order is pending and cannot be <moved>

      Examples:
        | attempt                              | moved     |
        | Sam ships Paula's order              | shipped   |
        | Sam marks Paula's order as delivered | delivered |

    Scenario Outline: An order that is <status> cannot be <moved>
      Given Paula has ordered 1 Blue Mug
      And <earlier>
      When <attempt>
      Then <who> is told Paula's order is <status> and cannot be <moved>

      Examples:
        | earlier                                     | status    | attempt                              | who   | moved     |
        | Sam has shipped Paula's order               | shipped   | Sam ships Paula's order              | Sam   | shipped   |
        | Sam has shipped and delivered Paula's order | delivered | Sam ships Paula's order              | Sam   | shipped   |
        | Sam has shipped and delivered Paula's order | delivered | Sam marks Paula's order as delivered | Sam   | delivered |
        | Sam has shipped and delivered Paula's order | delivered | Paula cancels her order              | Paula | cancelled |
        | Paula has cancelled her order               | cancelled | Sam ships Paula's order              | Sam   | shipped   |
        | Paula has cancelled her order               | cancelled | Sam marks Paula's order as delivered | Sam   | delivered |
        | Paula has cancelled her order               | cancelled | Paula cancels her order              | Paula | cancelled |

  Rule: Only the warehouse ships and delivers orders

    Scenario: Only the warehouse ships orders
      Given Paula has ordered 1 Blue Mug
      When Paula tries to ship her order
      Then she is told only staff may ship orders
      And her order is paid

    Scenario: Only the warehouse marks orders delivered
      Given Paula has ordered 1 Blue Mug
      And Sam has shipped Paula's order
      When Paula tries to mark her order as delivered
      Then she is told only staff may deliver orders
      And her order is shipped
