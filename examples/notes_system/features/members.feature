Feature: One member, two services
  A member registers once, with the accounts service; the notes service keeps its own copy
  of their name and bio from the accounts service's events. A member's name is theirs alone.

  Rule: A change of bio reaches every service that shows it
    Scenario: Nora's new bio is the one both services show
      Given Nora has registered
      When Nora changes her bio to "Writes about bread"
      Then both services say Nora's bio is "Writes about bread"

  Rule: A name belongs to one member
    Scenario: Paula cannot register under Nora's name
      Given Nora has registered
      When Paula tries to register under Nora's name
      Then Paula is told the name is taken
      And one member bears Nora's name in each service
