@contract @allure.label.owner:team-platform
Feature: Input validation
  A technical contract for the shop's clients (tagged @contract, so it may name fields):
  every request the shop cannot accept is refused with 422 and the name of the field at
  fault, so that a client can show the message beside it; a body that is too large is
  refused with 413 before it is read. Nothing is stored by a refused request. Names come
  back exactly as they were sent, in any script.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 5000  |

  Rule: Asking about what the shop does not have, or cannot hold, is refused and changes nothing

    Scenario Outline: Staff who <request> are answered <status> "<code>"
      Given Sam works in the warehouse
      And only 2147483000 Blue Mugs are left in stock
      When Sam sends a request to <request>
      Then the answer is <status> "<code>"

      Examples:
        | request                                                  | status | code               |
        | browse a category the shop does not have                 | 404    | category_not_found |
        | add a product to a category the shop does not have       | 404    | category_not_found |
        | change the price of a product the shop does not have     | 404    | product_not_found  |
        | read the view counts of a product the shop does not have | 404    | product_not_found  |
        | empty the name of the Blue Mug                           | 422    | null_not_allowed   |
        | receive 1000 more Blue Mugs                              | 422    | stock_too_large    |

  Rule: Every request the shop cannot accept is refused with 422, naming the field at fault

    Scenario Outline: Registering with <problem> is refused, naming "<field>"
      When Quentin registers with <problem>
      Then the answer is 422 naming the field "<field>"
      And no account was created

      Examples:
        | problem                     | field     |
        | an email without an at-sign | email     |
        | a 5-character password      | password  |
        | an empty name               | full_name |
        | a name of 300 characters    | full_name |
        | a name of only spaces       | full_name |
        | a NUL character in the name | full_name |
        | a NUL character in the email | email    |

    Scenario Outline: Putting <quantity> Blue Mugs in a cart is refused, naming "quantity"
      Given Paula is a registered shopper
      When Paula tries to add <quantity> Blue Mugs to her cart
      Then the answer is 422 naming the field "quantity"
      And her cart is empty

      Examples:
        | quantity |
        | 0        |
        | -1       |
        | 1001     |

    Scenario Outline: Changing the quantity of Blue Mugs to <quantity> is refused, naming "quantity"
      Given Paula is a registered shopper
      And Paula has 2 Blue Mugs in her cart
      When Paula tries to change the quantity of Blue Mugs to <quantity>
      Then the answer is 422 naming the field "quantity"
      And her cart holds 2 Blue Mugs

      Examples:
        | quantity |
        | 0        |
        | -1       |
        | 1001     |

    Scenario: The most one line can hold, 1000, is accepted
      Given Paula is a registered shopper
      When Paula adds 1000 Blue Mugs to her cart
      Then her cart holds 1000 Blue Mugs

    Scenario: A product the shop does not sell is not found, naming "product_id"
      A well-formed id that names nothing is a 404, as for any resource that does not exist.

      Given Paula is a registered shopper
      When Paula adds a product the shop does not sell to her cart
      Then the answer is 404 naming the field "product_id"
      And her cart is empty

    Scenario Outline: A product id of <id> is refused, naming "product_id"
      Ids are 1 to 2147483647, the range every database the shop runs on can hold; a larger
      one was a server error until the fuzz run found it.

      Given Paula is a registered shopper
      When Paula adds the product numbered <id> to her cart
      Then the answer is 422 naming the field "product_id"
      And her cart is empty

      Examples:
        | id                   |
        | 0                    |
        | 2147483648           |
        | 9223372036854775808  |

    Scenario Outline: A cart sent <problem> is refused, naming "body"
      Given Paula is a registered shopper
      When Paula sends her cart <problem>
      Then the answer is <status> naming the field "body"
      And her cart is empty

      Examples:
        | problem                 | status |
        | a body that is not JSON | 422    |
        | a form instead of JSON  | 422    |
        | a body of 100 KiB       | 413    |
        | 100 KiB sent in chunks  | 413    |

    Scenario Outline: A catalog page asked for <problem> is refused, naming "<field>"
      Cursors come from a page's links; a made-up one is refused, never a server error.

      When Quentin asks for a catalog page <problem>
      Then the answer is 422 naming the field "<field>"

      Examples:
        | problem                                  | field  |
        | after a cursor the shop never gave       | after  |
        | after a cursor naming product 0          | after  |
        | after a cursor whose id is text          | after  |
        | after a cursor holding a NUL character   | after  |
        | before a cursor the shop never gave      | before |
        | between a good cursor and a made-up one  | before |

    Scenario Outline: The sales of a day written "<day>" are refused, naming "day"
      A day is written YYYY-MM-DD: a number of seconds, which the web framework would read
      as a moment, is not a day.

      Given Sam works in the warehouse
      When Sam asks for the sales of the day written "<day>"
      Then the answer is 422 naming the field "day"

      Examples:
        | day        |
        | 1767225600 |
        | 2026-1-5   |
        | 2026-02-30 |

  Rule: Names come back exactly as they were sent, in any script

    Scenario: Names in any script come back as they were sent
      When Zoë registers as "Zoë Ñúñez-Łukasiewicz 李小龍 🙂"
      Then the shop knows her name as "Zoë Ñúñez-Łukasiewicz 李小龍 🙂"
