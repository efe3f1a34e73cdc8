@allure.label.owner:team-catalog
Feature: The audit log
  Every change the staff make is written down: who did what, to which product or order, what
  it was before and after, and when, so that support can answer "who changed this price, and
  from what?". The log names staff accounts and shows their changes: shoppers cannot read
  any of it. A change that is refused leaves no entry.

  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.00 | 10    |
    And Sam works in the warehouse
    And Paula is a registered shopper

  Rule: Every staff action is written down, with who did it

    Scenario Outline: Sam's "<action>" is in the log as <entry>
      When Sam tries to <action>
      Then the audit log's newest entry is Sam's <entry> of the <product>

      Examples:
        | action                                          | entry            | product   |
        | add a Tea Towel at 4.50 to the Kitchen category | product added    | Tea Towel |
        | change the price of a Blue Mug to 15.00         | product changed  | Blue Mug  |
        | rename the Blue Mug "Azure Mug"                 | product changed  | Azure Mug |
        | receive 6 more Blue Mugs                        | stock received   | Blue Mug  |
        | take the Blue Mug off sale                      | product off sale | Blue Mug  |
        | put the Blue Mug back on sale                   | product on sale  | Blue Mug  |
        | add a photo of the Blue Mug                     | photo added      | Blue Mug  |

    Scenario: Shipping and delivering an order are in the log
      Given Paula has ordered 1 Blue Mug
      When Sam ships Paula's order
      And Sam marks Paula's order as delivered
      Then the audit log shows Sam moved Paula's order from paid to shipped, then to delivered

  Rule: Support reads the log of one product, or of the orders, and sees nothing else

    Scenario: The Blue Mug's entries and the orders' leave out everything else
      Given Paula has ordered 1 Blue Mug
      And Sam has shipped Paula's order
      And Sam has tried to change the price of a Blue Mug to 15.00
      When Sam tries to add a Tea Towel at 4.50 to the Kitchen category
      Then the Blue Mug's own entries in the audit log are: product changed
      And the orders' entries in the audit log are: order shipped

  Rule: Only staff actions are written down

    Scenario: A shopper cancelling her own order leaves no entry
      Given Paula has ordered 1 Blue Mug
      When Paula cancels her order
      Then the audit log is empty

  Rule: The log keeps what a change was before and after

    Scenario: A new price is logged with the old one
      When Sam tries to change the price of a Blue Mug to 15.00
      Then the audit log shows Sam changed the Blue Mug's price from 12.00 EUR to 15.00 EUR

  Rule: A refused change leaves no entry

    Scenario: Paula's attempt to change a price is not in the log
      When Paula tries to change the price of a Blue Mug to 15.00
      Then the audit log is empty

  Rule: Only staff read the audit log

    Scenario: A shopper cannot read the audit log
      Given Sam has tried to change the price of a Blue Mug to 15.00
      When Paula tries to read the audit log
      Then she is told only staff may read the audit log
