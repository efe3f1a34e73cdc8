@allure.label.owner:team-catalog
Feature: Browsing the catalog
  Shoppers find products by category or by part of their name. Lists are sorted by name and
  come in pages of 20, always in the same order, so a shopper paging through a long category
  never sees a product twice or misses one.

  Background:
    Given the shop sells these products:
      | product         | category | price | stock |
      | Espresso Cup    | Kitchen  |  6.00 | 25    |
      | Blue Mug        | Kitchen  | 12.50 | 10    |
      | Travel Mug      | Outdoor  | 18.00 | 5     |
      | Camping Lantern | Outdoor  | 32.00 | 3     |

  Rule: A category or a search lists only what matches, sorted by name

    Scenario: A category lists only its own products, by name
      When Paula browses the Kitchen category
      Then she sees Blue Mug and Espresso Cup, in that order

    Scenario: Searching finds products by part of their name, in any case
      When Paula searches the catalog for "MUG"
      Then she sees Blue Mug and Travel Mug, in that order

  Rule: Long lists come in pages of 20 that never repeat or miss a product

    Scenario: A long category comes in pages of 20 without repeats
      Given the shop also sells 25 other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      Then she sees 20 products on the first page and 7 on the second
      And she has seen every Kitchen product exactly once

  Rule: A product the shop does not sell does not exist

    Scenario: Asking for a product the shop does not sell says so
      When Paula looks up a product the shop does not sell
      Then she is told the product does not exist
