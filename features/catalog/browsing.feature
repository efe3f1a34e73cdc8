@allure.label.owner:team-catalog
Feature: Browsing the catalog
  Shoppers find products by category or by words from their name or description. Lists are
  sorted by name and come in pages of 20, always in the same order, each page leading to the
  next and the one before, so a shopper paging through a long category never sees a product
  twice or misses one, even while the warehouse adds products as she reads.

  Background:
    Given the shop sells these products:
      | product         | category | price | stock | description                   |
      | Espresso Cup    | Kitchen  | 6.00  | 25    | Small, thick-walled porcelain |
      | Blue Mug        | Kitchen  | 12.50 | 10    | Glazed stoneware, 350 ml      |
      | Travel Mug      | Outdoor  | 18.00 | 5     | Steel, with a lid that seals  |
      | Camping Lantern | Outdoor  | 32.00 | 3     | Bright LED, runs on batteries |

  Rule: A category or a search lists only what matches, sorted by name

    Scenario: A category lists only its own products, by name
      When Paula browses the Kitchen category
      Then she sees Blue Mug and Espresso Cup, in that order

    Scenario: The categories are listed by name, whatever order the shop opened them in
      Given the shop also sells a Bath Towel in the Bathroom category
      When Paula looks at the shop's categories
      Then she sees the categories Bathroom, Kitchen and Outdoor, in that order

    Scenario: Searching finds products by part of their name, in any case
      When Paula searches the catalog for "MUG"
      Then she sees Blue Mug and Travel Mug, in that order

  Rule: A search of several words finds the products that have every one, in the name or the description

    Scenario Outline: Searching for "<words>" finds <found>
      Given the shop sells these products:
        | product       | category | price | stock | description                    |
        | Thermos Flask | Outdoor  | 20.00 | 5     | Keeps tea hot for twelve hours |
        | Tea Towel     | Kitchen  | 4.50  | 30    | Soft cotton, dries cups fast   |
      When Paula searches the catalog for "<words>"
      Then she sees <found>, in that order

      Examples:
        | words    | found                       |
        | hot tea  | Thermos Flask               |
        | tea      | Tea Towel and Thermos Flask |
        | mug blue | Blue Mug                    |

  Rule: Long lists come in pages of 20 that never repeat or miss a product

    Scenario: A long category comes in pages of 20 without repeats
      Given the shop also sells 25 other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      Then she sees 20 products on the first page and 7 on the second
      And she has seen every Kitchen product exactly once

    Scenario Outline: <count> products make <pages>
      Given the shop also sells <others> other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      Then she sees <shown>

      Examples: The two Kitchen products above, and more
        | count | others | pages               | shown                                             |
        | 20    | 18     | one full page       | 20 products on a single page                      |
        | 21    | 19     | a page and one more | 20 products on the first page and 1 on the second |

    Scenario Outline: The warehouse <changes> while a shopper reads: no product twice, none missed
      Given the shop also sells 25 other products in the Kitchen category
      When Paula opens the first page of the Kitchen category
      And <change>
      And she follows the next pages to the end
      Then she has seen no product twice, and every Kitchen product there when she began

      Examples:
        | changes                         | change                                                       |
        | adds products before her page   | the warehouse adds 3 Kitchen products whose names come first |
        | takes products she saw off sale | the warehouse takes the first 3 products Paula saw off sale  |

    Scenario: Products of one name over two pages are each seen once
      Given the shop also sells 25 other products in the Kitchen category, all called "Jar"
      When Paula browses the Kitchen category page by page
      Then she has seen every Kitchen product exactly once

    Scenario: Going back a page among products of one name shows the page before again
      Given the shop also sells 25 other products in the Kitchen category, all called "Jar"
      When Paula browses the Kitchen category page by page
      And she goes back a page
      Then she sees the first page again

    Scenario: Going back a page shows the page before again
      Given the shop also sells 25 other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      And she goes back a page
      Then she sees the first page again

    Scenario: A page between two links holds exactly the products between them
      Given the shop also sells 45 other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      And she asks for what lies between the ends of her first and second pages
      Then she sees her second page without its last product

    Scenario: The second page counted from a link is the page after the next one
      Given the shop also sells 45 other products in the Kitchen category
      When Paula browses the Kitchen category page by page
      And she asks for the second page counted from her first page's next link
      Then she sees her third page again

  Rule: A product the shop does not sell does not exist

    Scenario: Asking for a product the shop does not sell says so
      When Paula looks up a product the shop does not sell
      Then she is told the product does not exist
