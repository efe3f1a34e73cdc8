@allure.label.owner:team-accounts @critical
Feature: Limits on failed sign-ins
  Someone guessing passwords gets a few tries, then must wait. After 5 failed sign-ins for one
  account within 5 minutes, or 20 from one place, the shop refuses further attempts, even with
  the right password, and says how long to wait. Once the time has passed, the rightful
  shopper signs in as usual. A successful sign-in clears the account's count.

  Background:
    Given Paula is a registered shopper

  Rule: Five failed sign-ins for one account within 5 minutes make it wait, even for the right password

    Scenario: Five wrong passwords make the account wait, even for the right one
      When someone tries 5 wrong passwords for Paula's account
      And Paula signs in with her password
      Then she is told to wait before trying again

    Scenario: Four wrong passwords still leave the right one working
      When someone tries 4 wrong passwords for Paula's account
      And Paula signs in
      Then the shop greets her by her full name

  Rule: A successful sign-in clears its own account's count, and no other

    Scenario: A successful sign-in starts the count again
      When someone tries 4 wrong passwords for Paula's account
      And Paula signs in
      And someone tries 4 wrong passwords for Paula's account
      And Paula signs in with her password
      Then the shop greets her by her full name

    Scenario: Another shopper signing in leaves Paula's failures counted
      Given Quentin is a registered shopper
      When someone tries 3 wrong passwords for Paula's account
      And Quentin signs in
      And someone tries 2 wrong passwords for Paula's account
      And Paula signs in with her password
      Then she is told to wait before trying again

  Rule: Twenty failures from one place within 5 minutes make that place wait

    Scenario: Twenty failures from one place make that place wait, whatever the account
      When someone tries a wrong password for 20 different accounts
      And Paula signs in with her password
      Then she is told to wait before trying again

    Scenario: Nineteen failures from one place still let it sign in
      When someone tries a wrong password for 19 different accounts
      And Paula signs in with her password
      Then the shop greets her by her full name

    Scenario: While one place waits, shoppers elsewhere sign in as usual
      When someone tries a wrong password for 20 different accounts
      And Paula signs in from another place
      Then the shop greets her by her full name

  Rule: Once the wait is over the rightful shopper signs in as usual

    @in_process
    Scenario: Once the wait is over the shopper signs in as usual
      Given someone tries 5 wrong passwords for Paula's account
      When 6 minutes pass
      And she signs in
      Then the shop greets her by her full name
