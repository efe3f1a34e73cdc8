@allure.label.owner:team-checkout @critical
Feature: Every change is announced with it
  The warehouse, the mailroom and the sales report hear about orders and accounts from the
  shop's announcements. An announcement is written in the same moment as the change it tells
  of, so a change is never made without its announcement, and nothing is announced that did
  not happen. The announcements wait in the shop's outbox until they are sent on.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Paula is a registered shopper
    And the payment provider approves payments

  Rule: A change and its announcement are made together

    Scenario: A paid order is announced as placed, then paid
      Given Paula has 2 Blue Mugs in her cart
      When she checks out
      Then the shop has announced her order as placed, then paid

    Scenario: A declined card is announced as a failed payment, never as paid
      Given Paula has 2 Blue Mugs in her cart
      And the payment provider declines Paula's card
      When she checks out
      Then the shop has announced her order as placed, then payment failed

    Scenario: A cancelled paid order is announced as cancelled and refunded
      Given Paula has ordered 2 Blue Mugs
      When she cancels her order
      Then the shop has announced her order as placed, then paid, then cancelled, then refunded

    Scenario: A new shopper's account is announced once
      When Rita registers as a shopper
      Then the shop has announced Rita's new account once

  Rule: Nothing is announced that did not happen

    Scenario: A checkout of more than is left announces nothing
      Given Paula has 3 Blue Mugs in her cart
      And only 2 Blue Mugs are left in stock
      When she checks out
      Then she is told there are not enough Blue Mugs
      And the shop has announced nothing about her orders
