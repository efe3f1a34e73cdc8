Feature: What the bakery refuses, it says why
  A request the bakery cannot take is refused with a reason a customer can act on, and the
  field at fault when there is one: never a server error, never a silent no.

  Background:
    Given the bakery has baked these loaves:
      | loaf | price | stock |
      | Rye  | 3.50  | 5     |
      | Bap  | 0.29  | 10    |

  Rule: A sign-up that cannot be an account is refused, naming the field at fault

    Scenario Outline: Signing up with <problem> is refused, naming "<field>"
      When Clara signs up with <problem>
      Then she is told to correct the "<field>"

      Examples:
        | problem                    | field    |
        | a form instead of JSON     | body     |
        | a blank name               | name     |
        | an email without an @      | email    |
        | a password of 7 characters | password |

    Scenario: A password of exactly 8 characters is long enough
      When Clara signs up choosing the password "eight888"
      Then she has an account

  Rule: Only a signed-in customer fills a basket

    Scenario Outline: Bruno, <how>, cannot fill his basket
      Given Bruno has signed up
      When Bruno tries to put 1 Rye in his basket <how>
      Then he is told to sign in
      And his basket is empty

      Examples:
        | how                                 |
        | without signing in                  |
        | with a wrong password               |
        | with an email nobody signed up with |

  Rule: A basket takes whole loaves of what the bakery bakes

    Scenario Outline: Putting <quantity> of a loaf in a basket is refused, naming "quantity"
      Given Bruno has signed up
      When Bruno asks for <quantity> of the loaf numbered 1 in his basket
      Then he is told to correct the "quantity"
      And his basket is empty

      Examples:
        | quantity |
        | two      |
        | 1.5      |

    Scenario: A loaf the bakery never baked is not found
      Given Bruno has signed up
      When Bruno asks for 1 of the loaf numbered 999999 in his basket
      Then he is told there is no such loaf
      And his basket is empty

  Rule: An empty basket cannot be ordered

    Scenario: Placing an order with an empty basket is refused
      Given Bruno has signed up
      When he places his order
      Then he is told his basket is empty

  Rule: A basket shows its own customer's loaves, and its total to the penny

    Scenario: Bruno's basket leaves out Clara's loaves, and 0.29 is 0.29
      Given Bruno has signed up
      And Clara has signed up
      When Clara puts 2 Rye in her basket
      And Bruno puts 1 Bap in his basket
      Then Bruno's basket holds 1 Bap, for 0.29
