@allure.label.owner:team-accounts
Feature: Registration and signing in
  Shoppers open an account with their email address, a password and their name, then sign in
  with the same email address and password to shop.

  Rule: A registered shopper signs in with the email address and password she chose

    Scenario: A new shopper registers and signs in
      When Paula registers as a shopper
      Then she can sign in with her email address and password
      And the shop greets her by her full name

    Scenario Outline: Each shopper signs in to her own account, whoever registered first
      Given <first> is a registered shopper
      And <second> is a registered shopper
      When Paula signs in
      Then the shop greets her by her full name

      Examples:
        | first   | second  |
        | Paula   | Quentin |
        | Quentin | Paula   |

  Rule: One account per email address, whatever its capitals

    Scenario: An email address can be registered only once
      Given Paula is a registered shopper
      When Quentin tries to register with Paula's email address
      Then he is told the email address is already taken
      And the shop has exactly one account for Paula's email address

    Scenario: The same email address in capitals cannot open a second account
      Given Paula is a registered shopper
      When Quentin tries to register with Paula's email address in capitals
      Then he is told the email address is already taken
      And the shop has exactly one account for Paula's email address

    Scenario: Email addresses are not case-sensitive when signing in
      Given Paula is a registered shopper
      When she signs in with her email address in capitals
      Then the shop greets her by her full name

  Rule: A wrong password signs nobody in, and the refusal does not say which part was wrong

    Scenario: A wrong password signs nobody in
      Given Paula is a registered shopper
      When she signs in with a wrong password
      Then she is told her email address or password is wrong
      And she is not signed in

    Scenario: An email address nobody registered signs nobody in, even with a shopper's password
      Given Quentin is a registered shopper
      When Nora signs in with an unregistered email address and Quentin's password
      Then Nora is told her email address or password is wrong
      And Nora is not signed in
