@allure.label.owner:team-checkout @critical @in_process @resilience
Feature: Shoppers hear about their orders by email
  The mailroom hears of every order through the message broker, never from the checkout
  itself: a checkout never waits for a mail server. The broker may be down, deliver a message
  twice or late, and the mailroom may die halfway or find the mail server turning it away;
  the shopper still gets each email once. A message nobody can read is set aside for a person
  to look at, and the rest flows on.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 18.50 | 10    |
    And Paula is a registered shopper
    And the payment provider approves payments

  Rule: A shopper gets one email for each step of her order

    Scenario: A paid order is confirmed by email, for its total
      Given Paula has 2 Blue Mugs in her cart
      When she checks out
      Then Paula receives an order confirmation for 37.00 EUR
      And she has received exactly 1 email about her order

    Scenario: A declined card sends no confirmation
      Given Paula has 2 Blue Mugs in her cart
      And the payment provider declines Paula's card
      When she checks out
      Then she has received exactly 0 emails about her order

    Scenario: A shipped order is announced by email
      Given Paula has ordered 2 Blue Mugs
      And Walt works in the warehouse
      When Walt ships Paula's order
      Then Paula receives a shipping notice
      And she has received exactly 2 emails about her order

    Scenario: A cancelled paid order is cancelled and refunded by email
      Given Paula has ordered 2 Blue Mugs
      When she cancels her order
      Then Paula receives a refund notice for 37.00 EUR
      And she has received exactly 3 emails about her order

    Scenario: A new shopper is welcomed once
      When Rita registers as a shopper
      Then Rita receives a welcome email
      And she has received exactly 1 email

  Rule: A broker that is down delays the emails, and loses none

    Scenario: The order is placed while the broker is down, and confirmed once it is back
      Given the message broker is down
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then her order is paid
      And she has received exactly 0 emails about her order
      When the message broker is back
      Then Paula receives an order confirmation for 37.00 EUR

  Rule: A message delivered twice, or late, has one effect

    Scenario: A payment announced twice confirms once
      Given the broker delivers every payment announcement twice
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then she has received exactly 1 email about her order

    Scenario: The shipping news overtakes the payment news
      Given the broker holds back every payment announcement
      And Paula has ordered 2 Blue Mugs
      And Walt works in the warehouse
      When Walt ships Paula's order
      Then Paula receives a shipping notice
      When the held announcements arrive
      Then Paula receives an order confirmation for 37.00 EUR
      And she has received exactly 2 emails about her order

    Scenario: The mailroom dies after sending, before saying so, and sends nothing twice
      Given the mailroom dies once after handling a payment announcement
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then she has received exactly 1 email about her order

  Rule: A message that cannot be handled is set aside, and the rest flows on

    Scenario Outline: <garbled> waits ahead of Paula's, and her confirmation still comes
      Given <garbled> is waiting on the broker
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then Paula receives an order confirmation for 37.00 EUR
      And the garbled message is set aside for a person to read

      Examples:
        | garbled                                      |
        | a garbled message                            |
        | a message that is not an event               |
        | an event without its id                      |
        | an event without its subject                 |
        | payment news of an order that does not exist |
        | payment news without its lines               |
        | a welcome without an address                 |

    Scenario: The mail server turns the mailroom away twice, then takes the mail
      Given the mail server turns away the next 2 emails
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then she has received exactly 1 email about her order

    Scenario: The mail server turns the mailroom away every time, and it is reported
      Given the mail server turns away the next 3 emails
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then her order is paid
      And she has received exactly 0 emails about her order
      And her order confirmation is set aside as undeliverable

    Scenario: The mail server refuses Paula's address for good, and it is reported at once
      Given the mail server refuses the next email for good
      And Paula has 2 Blue Mugs in her cart
      When she checks out
      Then her order confirmation is set aside as undeliverable
