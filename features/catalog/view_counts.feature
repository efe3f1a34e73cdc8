@allure.label.owner:team-catalog @minor
Feature: How many shoppers looked at a product
  The warehouse sees how many shoppers looked at each product, to know what draws interest.
  A shopper counts once a day however often she looks (refreshing a page is not interest),
  visitors who are not signed in and staff do not count, and shoppers looking at the same
  moment are each counted once.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Sam works in the warehouse
    And Paula is a registered shopper

  Rule: A shopper counts once a day, however often she looks

    Scenario: Looking three times is one viewer
      When Paula looks at the Blue Mug 3 times
      Then Sam sees 1 shopper viewed the Blue Mug today

    Scenario: Two shoppers are two viewers
      Given Quentin is a registered shopper
      When Paula looks at the Blue Mug 1 time
      And Quentin looks at the Blue Mug 2 times
      Then Sam sees 2 shoppers viewed the Blue Mug today

    @in_process
    Scenario: Looking just before and just after midnight counts on both days
      Given it is 23:59 UTC
      When Paula looks at the Blue Mug 1 time
      And 2 minutes pass
      And Paula looks at the Blue Mug 1 time
      Then Sam sees 1 shopper viewed the Blue Mug today, and 2 shopper-days in all

  Rule: Only signed-in shoppers count: not visitors, not staff

    Scenario: A visitor and the warehouse looking count for nothing
      When a visitor looks at the Blue Mug 2 times
      And Sam looks at the Blue Mug 1 time
      Then Sam sees 0 shoppers viewed the Blue Mug today

  Rule: Shoppers looking at the same moment are each counted once

    @isolation:delete
    Scenario: Ten shoppers looking twice each, all at once, are ten viewers
      Given 10 shoppers have signed up
      When they each look at the Blue Mug twice, all at the same moment
      Then Sam sees 10 shoppers viewed the Blue Mug today
