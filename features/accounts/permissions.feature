@allure.label.owner:team-accounts @critical
Feature: Who may do what
  Each action of the shop is for someone: visitors browse; a shopper keeps her cart and her
  orders; staff run the catalog, the warehouse and the shop's records. Anyone else who tries
  is refused, and nothing changes. Every action is tried here by everyone it is not for, so
  no action is left open by a change that only its own feature would notice.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.50 | 10    |
    And Paula is a registered shopper
    And Paula has ordered 1 Blue Mug

  Rule: A visitor is asked to sign in for everything but browsing

    Scenario Outline: A visitor cannot <action>
      When a visitor attempts to <action>
      Then the visitor is asked to sign in

      Examples:
        | action                                    |
        | see her profile                           |
        | see her cart                              |
        | put a Blue Mug in her cart                |
        | change how many Blue Mugs are in her cart |
        | take the Blue Mug out of her cart         |
        | check out                                 |
        | see her orders                            |
        | see Paula's order                         |
        | cancel Paula's order                      |
        | add a product to the catalog              |
        | change the price of the Blue Mug          |
        | receive Blue Mugs into stock              |
        | take the Blue Mug off sale                |
        | put the Blue Mug on sale                  |
        | add a photo of the Blue Mug               |
        | remove the Blue Mug from the shop         |
        | read the audit log                        |
        | read the sales report                     |
        | read how many shoppers looked at the Blue Mug |
        | ship Paula's order                        |
        | deliver Paula's order                     |

  Rule: Only staff run the catalog, the warehouse and the shop's records

    Scenario Outline: A shopper cannot <action>
      When Paula attempts to <action>
      Then she is told only staff may do that

      Examples:
        | action                                         |
        | add a product to the catalog                   |
        | change the price of the Blue Mug               |
        | receive Blue Mugs into stock                   |
        | take the Blue Mug off sale                     |
        | put the Blue Mug on sale                       |
        | add a photo of the Blue Mug                    |
        | remove the Blue Mug from the shop              |
        | read the audit log                             |
        | read the sales report                          |
        | read how many shoppers looked at the Blue Mug  |
        | ship Paula's order                             |
        | deliver Paula's order                          |
