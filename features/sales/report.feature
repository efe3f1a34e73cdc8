@allure.label.owner:team-insights @normal @in_process @resilience
Feature: The sales report counts what was sold
  Staff read the day's sales per product, by product name. The report hears of payments and refunds through
  the message broker and counts each once, whatever order they arrive in: units and revenue
  of paid orders, less what was refunded.

  Background:
    Given the shop sells these products:
      | product   | category | price | stock |
      | Blue Mug  | Kitchen  | 0.10  | 10    |
      | Green Cup | Kitchen  | 0.20  | 10    |
    And Paula is a registered shopper
    And Sam is a registered shopper
    And Stella works in the office
    And the payment provider approves payments

  Rule: A paid order counts on the day it was paid, once

    Scenario: Two shoppers' orders each count for their own products
      Given Paula has ordered 2 Blue Mugs
      And Sam has ordered 1 Green Cup
      Then Stella sees these sales today:
        | product   | units | revenue |
        | Blue Mug  | 2     | 0.20    |
        | Green Cup | 1     | 0.20    |

    Scenario: The report lists products by name, not in the order the shop added them
      Given the shop sells these products:
        | product | category | price | stock |
        | Apron   | Kitchen  | 0.30  | 10    |
      And Paula has ordered 1 Green Cup
      And Sam has ordered 2 Aprons
      Then Stella sees these sales today:
        | product   | units | revenue |
        | Apron     | 2     | 0.60    |
        | Green Cup | 1     | 0.20    |

    Scenario: Yesterday's sales stay out of today's report
      Given Sam bought 4 Blue Mugs yesterday
      And Paula has ordered 1 Blue Mug
      Then Stella sees 1 Blue Mug sold today for 0.10 EUR

    Scenario: A payment announced twice counts once
      Given the broker delivers every payment announcement twice
      And Paula has ordered 3 Blue Mugs
      Then Stella sees 3 Blue Mugs sold today for 0.30 EUR

    Scenario: An order that failed at payment does not count
      Given Paula has 2 Blue Mugs in her cart
      And the payment provider declines Paula's card
      When she checks out
      Then Stella sees nothing sold today

  Rule: A refund takes its order off the report

    Scenario: A cancelled paid order leaves the report
      Given Paula has ordered 2 Blue Mugs
      And Sam has ordered 1 Blue Mug
      When Paula cancels her order
      Then Stella sees 1 Blue Mug sold today for 0.10 EUR

    Scenario: The refund news overtakes the payment news
      Given the broker holds back every payment announcement
      And Paula has ordered 2 Blue Mugs
      When she cancels her order
      And the held announcements arrive
      Then Stella sees nothing sold today
