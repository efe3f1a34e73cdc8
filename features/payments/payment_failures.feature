@allure.label.owner:team-payments @critical @resilience
Feature: When paying goes wrong
  The shop charges the card through an outside payment provider, and providers fail in many
  ways. Whatever the provider does, nobody is charged twice, no stock is held by an order that
  will not ship, and a shopper whose payment failed keeps her cart to try again.


  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Paula is a registered shopper
    And Paula has 2 Blue Mugs in her cart

  Rule: A declined card fails the order at once; the stock goes back on the shelf

    Scenario: A declined card fails the order and keeps the cart
      Given the payment provider declines Paula's card for insufficient funds
      When she checks out
      Then she is told her card was declined for insufficient funds
      And her order failed at payment
      And 10 Blue Mugs are left in stock
      And the ledger shows 2 Blue Mugs put back on the shelf
      And her cart holds 2 Blue Mugs
      And the payment provider charged nothing

  Rule: No answer in time, or an error, is retried twice with the same payment reference

    Scenario Outline: A provider that <fails> twice is retried without charging twice
      Given the payment provider <fails> twice and then approves
      When she checks out
      Then her order is paid with a total of 24.00 EUR
      And the payment provider was charged exactly once for 24.00 EUR
      And the payment provider saw 3 attempts with the same idempotency key
      And 8 Blue Mugs are left in stock
      And her cart is empty

      Examples:
        | fails                 |
        | fails                 |
        | has an internal error |

    @tracing
    Scenario: A provider that fails twice is asked three times in one trace, and charges once
      Given the payment provider fails twice and then approves
      When she checks out
      Then her checkout asked the payment provider 3 times and was charged once

    Scenario: A provider that does not answer in time fails the order without holding stock
      Given the payment provider takes longer than the shop waits
      When she checks out
      Then she is told payments are unavailable right now
      And her order failed at payment
      And her order says the payment provider gave no answer after 3 attempts
      And 10 Blue Mugs are left in stock
      And her cart holds 2 Blue Mugs
      And the payment provider saw 3 attempts with the same idempotency key

  Rule: A provider that refuses connections is down: the shopper is told at once, without retries

    Scenario: A provider that is down is reported at once
      Given the payment provider is down
      When she checks out
      Then she is told payments are unavailable right now
      And her order failed at payment
      And 10 Blue Mugs are left in stock
      And the payment provider saw no attempt

  Rule: An answer the shop cannot read fails the order; nothing is charged

    Scenario: A provider that answers garbage fails the order
      Given the payment provider answers with garbage
      When she checks out
      Then she is told the payment provider could not be understood
      And her order failed at payment
      And 10 Blue Mugs are left in stock
      And the payment provider charged nothing

    Scenario Outline: A provider that answers <answer> fails the order
      Given the payment provider answers a charge with <answer>
      When she checks out
      Then she is told the payment provider could not be understood
      And her order failed at payment
      And 10 Blue Mugs are left in stock
      And her cart holds 2 Blue Mugs

      Examples:
        | answer                              |
        | a list instead of a payment         |
        | an approval without a charge number |
        | a status it never documented        |
        | an acceptance it never documented   |
