@allure.label.owner:team-catalog @in_process @resilience
Feature: What shoppers see is what the shop holds, cache or not
  The shop keeps product pages and catalog pages in a cache, so that browsing does not read
  the database every time. A cache that still shows the old price, or a product that is no
  longer on sale, promises what the shop will not honour: every change shows at once, however
  often the page was read before. If the cache fails, the shop answers from its database and
  its health answer says so; a staff change waits until the cache is back, since the
  cache would go on showing the product as it was. (In-process: the cache is the run's own, held by journeys.)

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Sam works in the warehouse
    And Paula is a registered shopper
    And Quentin is a registered shopper
    And Paula has looked at the Blue Mug and the Kitchen category

  Rule: A change shows at once, on the product's page and in its category

    Scenario: A new price shows at once
      When Sam changes the price of a Blue Mug to 15.00
      Then Paula sees the Blue Mug at 15.00 EUR, on its page and in the Kitchen category

    Scenario: A new name shows at once
      When Sam renames the Blue Mug "Azure Mug"
      Then Paula sees the Azure Mug at 12.00 EUR, on its page and in the Kitchen category

    Scenario: Stock taken by an order shows at once
      When Quentin orders 3 Blue Mugs
      Then Paula sees 7 Blue Mugs left, on its page and in the Kitchen category

    Scenario: Stock received shows at once
      When Sam receives 6 more Blue Mugs
      Then Paula sees 16 Blue Mugs left, on its page and in the Kitchen category

    Scenario: A product taken off sale is gone at once
      When Sam takes the Blue Mug off sale
      Then Paula is told the Blue Mug does not exist, and the Kitchen category does not list it

    Scenario: A product added shows in its category at once
      When Sam adds a Tea Towel at 4.50 to the Kitchen category
      Then Paula sees Blue Mug and Tea Towel in the Kitchen category

  Rule: A page read while a change is being saved does not outlive the change
    The shop forgets the product before it saves the change, and again once it is saved: a
    shopper who reads the page in between is shown the old one, and so is the cache filled.
    Only a database whose readers do not wait for writers lets a read in between: on SQLite
    (one transaction at a time) the shopper would wait for the change, so this runs on
    PostgreSQL.

    @isolation:delete @database:postgresql
    Scenario: Paula reads the Blue Mug while Sam's new price is being saved
      Given Paula will look at the Blue Mug and the Kitchen category while the next change is being saved
      When Sam changes the price of a Blue Mug to 15.00
      Then Paula sees the Blue Mug at 15.00 EUR, on its page and in the Kitchen category

  Rule: When the cache is down, shoppers are answered from the database, and staff wait

    Scenario: The cache is down: pages come from the database, and health says so
      Given the cache is down
      When Quentin orders 3 Blue Mugs
      Then Paula sees 7 Blue Mugs left, on its page and in the Kitchen category
      And the shop's health says its cache is unavailable

    Scenario: A staff change the cache cannot forget is not made
      Given the cache is down
      When Sam tries to change the price of a Blue Mug to 15.00
      Then Sam is told to try again later, and the Blue Mug is exactly as it was
