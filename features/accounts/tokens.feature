@allure.label.owner:team-accounts @critical
Feature: Who is signed in
  Signing in gives the shopper a token that proves who she is for an hour. Without one, with
  one that is damaged, forged or out of date, the shop refuses anything that belongs to a
  shopper, says why, and tells her to sign in again. Nothing is changed by a refused request.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Paula is a registered shopper

  Rule: Anything that belongs to a shopper needs a valid token, and a refusal says why

    Scenario Outline: A shopper holding <kind> token cannot fill a cart
      Given Paula holds <kind> token
      When she tries to add 1 Blue Mug to her cart
      Then she is told to sign in again because her token is <problem>
      And her cart is empty

      Examples:
        | kind      | problem |
        | none      | missing |
        | malformed | invalid |
        | forged    | invalid |
        | expired   | expired |
        | ownerless | invalid |
        | outsized  | invalid |

  Rule: A token proves who the shopper is for an hour, no longer

    @in_process
    Scenario: A token stops working when its hour is over
      Given Paula holds valid token
      When 61 minutes pass
      And she tries to add 1 Blue Mug to her cart
      Then she is told to sign in again because her token is expired
      And her cart is empty
