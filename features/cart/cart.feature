@allure.label.owner:team-checkout
Feature: The shopping cart
  Every shopper has a cart of their own, holding products and quantities at the catalog's
  current price. A cart never holds less than one of a product, nor more than the shop has in
  stock: shoppers should not be promised what the warehouse cannot send.

  Background:
    Given the shop sells these products:
      | product      | category | price | stock |
      | Blue Mug     | Kitchen  | 12.50 | 3     |
      | Espresso Cup | Kitchen  |  6.00 | 25    |
    And Paula is a registered shopper

  Rule: A cart never holds more of a product than the shop has in stock

    Scenario: Adding exactly what the shop has in stock is accepted
      When Paula adds 3 Blue Mugs to her cart
      Then her cart holds 3 Blue Mugs

    Scenario: Adding more than the shop has in stock is refused
      When Paula adds 4 Blue Mugs to her cart
      Then she is told only 3 Blue Mugs are in stock
      And her cart is empty

    Scenario: Adding one more than is left, in two goes, is refused
      Given Paula has 2 Blue Mugs in her cart
      When she adds 2 Blue Mugs to her cart
      Then she is told only 3 Blue Mugs are in stock
      And her cart holds 2 Blue Mugs

    Scenario Outline: Raising a quantity to <quantity> when 3 are in stock: <outcome>
      Given Paula has 2 Blue Mugs in her cart
      When she changes the quantity of Blue Mugs to <quantity>
      Then her cart holds <held> Blue Mugs

      Examples:
        | quantity | outcome            | held |
        | 3        | the last one, kept | 3    |
        | 4        | one too many       | 2    |

  Rule: A cart holds each product once, with its quantity, at the current price

    Scenario Outline: Adding the same product twice adds up the quantities: <first> and <then>
      When Paula adds <first> Espresso Cups to her cart
      And she adds <then> Espresso Cups to her cart
      Then her cart holds <total> Espresso Cups

      Examples:
        | first | then | total |
        | 1     | 2    | 3     |
        | 2     | 3    | 5     |
        | 3     | 3    | 6     |

    Scenario Outline: Changing a quantity to <quantity> changes the cart total
      Given Paula has 2 Espresso Cups in her cart
      When she changes the quantity of Espresso Cups to <quantity>
      Then her cart holds <quantity> Espresso Cups
      And her cart total is <total>

      Examples: From the fewest a cart holds to more
        | quantity | total     |
        | 1        | 6.00 EUR  |
        | 5        | 30.00 EUR |

    Scenario: Prices like 0.10 and 0.20 add up to the cent
      Given the shop sells these products:
        | product | category   | price | stock |
        | Pencil  | Stationery | 0.10  | 10    |
        | Eraser  | Stationery | 0.20  | 10    |
      And Paula has 1 Pencil and 1 Eraser in her cart
      Then her cart total is 0.30 EUR

    Scenario Outline: <quantity> Tea Towels at <price> come to exactly <total>, in the cart and in the order
      Given the shop sells these products:
        | product   | category | price   | stock |
        | Tea Towel | Kitchen  | <price> | 10    |
      And Paula has <quantity> Tea Towels in her cart
      Then her cart total is <total>
      When she checks out
      Then her order is paid with a total of <total>

      Examples:
        | price | quantity | total     |
        | 0.29  | 1        | 0.29 EUR  |
        | 0.57  | 2        | 1.14 EUR  |
        | 19.99 | 3        | 59.97 EUR |

    Scenario Outline: Removing a product takes it out of the cart, and only it
      Given Paula has <in the cart> in her cart
      When she removes the <removed> from her cart
      Then her cart holds <left>

      Examples: Whichever was put in first
        | in the cart                    | removed       | left            |
        | 2 Espresso Cups and 1 Blue Mug | Espresso Cups | 1 Blue Mug      |
        | 2 Espresso Cups and 1 Blue Mug | Blue Mugs     | 2 Espresso Cups |
        | 1 Blue Mug and 2 Espresso Cups | Espresso Cups | 1 Blue Mug      |

  Rule: Every shopper has a cart of her own

    Scenario Outline: Two shoppers' carts do not mix, whoever fills theirs first
      Given Quentin is a registered shopper
      When <first> adds <first items> to <first>'s cart
      And <second> adds <second items> to <second>'s cart
      Then Paula's cart holds 2 Blue Mugs
      And Quentin's cart holds 1 Espresso Cup

      Examples:
        | first   | first items    | second  | second items   |
        | Paula   | 2 Blue Mugs    | Quentin | 1 Espresso Cup |
        | Quentin | 1 Espresso Cup | Paula   | 2 Blue Mugs    |
