@allure.label.owner:team-catalog @critical
Feature: Who may change the catalog
  Only the warehouse staff change what the shop sells: new products, prices, stock received,
  products taken off sale. A shopper who tries is refused, and the catalog stays exactly as
  it was. Each row of the table below is one rule a product owner can read and sign.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Sam works in the warehouse
    And Paula is a registered shopper

  Rule: Only staff change the catalog; a refused change changes nothing

    Scenario Outline: <persona> tries to <action>: the change is <outcome>
      When <persona> tries to <action>
      Then <persona>'s change is <outcome>

      Examples: Staff change the catalog
        | persona | action                                            | outcome |
        | Sam     | add a Tea Towel at 4.50 to the Kitchen category   | made    |
        | Sam     | change the price of a Blue Mug to 15.00           | made    |
        | Sam     | rename the Blue Mug "Azure Mug"                   | made    |
        | Sam     | receive 6 more Blue Mugs                          | made    |
        | Sam     | take the Blue Mug off sale                        | made    |
        | Sam     | put the Blue Mug back on sale                     | made    |

      Examples: Shoppers cannot
        | persona | action                                            | outcome |
        | Paula   | add a Tea Towel at 4.50 to the Kitchen category   | refused |
        | Paula   | change the price of a Blue Mug to 15.00           | refused |
        | Paula   | rename the Blue Mug "Azure Mug"                   | refused |
        | Paula   | receive 6 more Blue Mugs                          | refused |
        | Paula   | take the Blue Mug off sale                        | refused |
        | Paula   | put the Blue Mug back on sale                     | refused |
