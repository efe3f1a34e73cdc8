@allure.label.owner:team-checkout @allure.label.epic:Cart
Feature: The shopping cart, seen by the report check
  A deliberately failing scenario, so that scripts/check-report.sh can show what a failure
  looks like in the HTML report. It is not part of the suite (behave features/ skips it).

  Rule: The cart holds exactly what the shopper added
    Adding is the one way a quantity gets into a cart; nothing else may change it.

    Scenario: Paula's cart holds what she added (fails on purpose)
      Given the shop sells these products:
        | product  | category | price | stock |
        | Blue Mug | Kitchen  | 12.50 | 10    |
      And Paula is a registered shopper
      When she adds 3 Blue Mugs to her cart
      Then her cart holds 5 Blue Mugs
