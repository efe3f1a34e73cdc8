@allure.label.owner:team-catalog @in_process @resilience
Feature: Staff publish a product step by step, and a failure at any step changes nothing
  A new product starts as a draft that shoppers cannot see. Staff give it its details, its
  price, its stock and its photos, then put it on sale. Each step is saved whole or not at
  all: if the database, the storage or the catalog cache fails during a step, the draft stays
  exactly as it was before that step (every record, every stored file), and the same step
  simply works once the part is back. A half-saved step is the bug this feature is about: a
  photo file nobody can see, a price in the database that the cache goes on hiding.
  (In-process: journeys makes the shop's database refuse to save, which it can do only for a
  shop in its own process.)

  Background:
    Given Sam works in the warehouse
    And Paula is a registered shopper
    And Sam has drafted a Linen Apron at 18.00 in the Kitchen category

  Rule: Shoppers see a draft only once it is put on sale

    Scenario: A draft is not in the catalog
      Then Paula is told the Linen Apron does not exist, and the Kitchen category does not list it

    Scenario: A draft's photos are not shown to shoppers
      Given Sam has added 2 photos of the Linen Apron
      Then Paula is shown none of Sam's photos of the Linen Apron

    Scenario: A draft given every step goes on sale, with its photo
      When Sam publishes the Linen Apron at 21.50 with 5 in stock and a photo
      Then Paula sees the Linen Apron at 21.50 EUR, on its page and in the Kitchen category
      And Paula sees 1 photo of the Linen Apron, exactly as Sam sent it

  Rule: A step that fails leaves the draft exactly as it was, and works once the part is back

    Scenario Outline: The <part> fails while Sam tries to <step>
      Given the <part> fails
      When Sam tries to <step>
      Then Sam is told to try again later, and the Linen Apron is exactly as it was
      And once the <part> is back, Sam can <step>

      Examples: Details, price and stock
        | step                                       | part     |
        | rename the Linen Apron "Flax Apron"        | database |
        | rename the Linen Apron "Flax Apron"        | cache    |
        | change the price of a Linen Apron to 21.50 | database |
        | change the price of a Linen Apron to 21.50 | cache    |
        | receive 5 more Linen Aprons                | database |
        | receive 5 more Linen Aprons                | cache    |

      Examples: Photos (the catalog cache holds none)
        | step                          | part     |
        | add a photo of the Linen Apron | storage  |
        | add a photo of the Linen Apron | database |

      Examples: On sale
        | step                              | part     |
        | put the Linen Apron back on sale  | database |
        | put the Linen Apron back on sale  | cache    |
