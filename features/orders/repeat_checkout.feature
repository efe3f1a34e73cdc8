@contract @allure.label.owner:team-checkout
Feature: A checkout sent again
  A technical contract for the shop's clients (tagged @contract, so it may name headers): a
  client sends an Idempotency-Key header with each checkout. The same key sent again is
  answered 200 with the first order, so a double click or a retried request never orders or
  charges twice. Another key, or none, is another checkout, answered 201 with a new order. A
  key is at most 64 characters.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Paula is a registered shopper

  Rule: The same key again is answered 200 with the first order, and nothing more is charged

    Scenario: The same checkout sent again is the first order
      Given Paula has 2 Blue Mugs in her cart
      When Paula checks out with the Idempotency-Key "order-b"
      And Paula checks out with the Idempotency-Key "order-b"
      Then the answer is 200 with her first order
      And she has 1 order
      And the payment provider was charged exactly once for 24.00 EUR

  Rule: Another key, or none, is another checkout: 201 with a new order

    Scenario Outline: A key that sorts <where> the first one is a new order
      Given Paula has 1 Blue Mug in her cart
      And she has checked out with the Idempotency-Key "order-b"
      And she has 1 Blue Mug in her cart
      When Paula checks out with the Idempotency-Key "<key>"
      Then the answer is 201 with her new order
      And she has 2 orders

      Examples:
        | where  | key     |
        | before | order-a |
        | after  | order-c |

    Scenario: Checkouts without a key are each a new order
      Given Paula has 1 Blue Mug in her cart
      And she has checked out without an Idempotency-Key
      And she has 1 Blue Mug in her cart
      When Paula checks out without an Idempotency-Key
      Then the answer is 201 with her new order
      And she has 2 orders

  Rule: A key is at most 64 characters

    Scenario: A key of 64 characters is taken
      Given Paula has 1 Blue Mug in her cart
      When Paula checks out with an Idempotency-Key of 64 characters
      Then the answer is 201 with her new order

    Scenario: A key of 65 characters is refused, and nothing is ordered
      Given Paula has 1 Blue Mug in her cart
      When Paula checks out with an Idempotency-Key of 65 characters
      Then the answer is 422 naming the field "Idempotency-Key"
      And she has 0 orders
