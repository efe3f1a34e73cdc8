@allure.label.owner:team-platform @minor @in_process @performance
Feature: Query budgets
  Every page the shop shows costs a small, fixed number of database queries, however much data
  lies behind it. A page whose cost grows with the data (one more query per product or per
  order line, the "N+1 query") is quick in a demo and falls over in production, so these
  budgets are part of the contract with the shop's engineers.

  Rule: A page costs a fixed number of queries, however much data lies behind it

    Scenario: A page of the catalog costs the same few queries for 5 or 50 products
      Given the shop sells 5 products
      Then showing a page of the catalog takes at most 2 database queries
      And showing a page of the catalog takes no more database queries once the shop sells 45 more products

    Scenario: Listing orders costs the same few queries for 1 or 10 orders
      Given Paula is a registered shopper
      And Paula has placed 1 order
      Then showing her latest order takes at most 3 database queries
      And listing her orders takes no more database queries once she has placed 9 more orders

    Scenario: Showing a cart costs the same few queries for 1 or 12 products
      Given Paula is a registered shopper
      And Paula has a cart with 1 product
      Then showing her cart takes at most 4 database queries
      And showing her cart takes no more database queries once it holds 11 more products
