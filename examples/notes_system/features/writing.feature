Feature: Writing notes as a member of the system
  The accounts service knows who the members are; the notes service keeps what they write.
  The notes service learns about a member only from the events the accounts service
  publishes, so the two must agree, even while an event is still on its way.

  Rule: A new member can write as soon as they have registered
    Scenario: Nora registers and writes her first note
      When Nora registers
      And she writes the note "Hello, world"
      Then Nora's notes are "Hello, world"
      And an event announced Nora to the other services

  Rule: A member's list holds their own notes only, oldest first
    Scenario: Paula's notes never appear in Nora's list
      Given Nora has registered
      And Paula has registered
      And Paula has written the note "Hers"
      When Nora writes the note "Mine"
      And she writes the note "Mine too"
      Then Nora's notes are "Mine", "Mine too"
      And Paula's notes are "Hers"

  Rule: A note holds 1 to 500 characters
    Scenario Outline: A note of <length> characters is <told>
      Given Nora has registered
      And Nora has 2 notes already
      When Nora tries to write a note of <length> characters
      Then Nora has <notes> notes

      Examples:
        | length | told     | notes |
        | 1      | kept     | 3     |
        | 500    | kept     | 3     |
        | 0      | refused  | 2     |
        | 501    | refused  | 2     |

    Scenario: The refusal says how long a note may be
      Given Nora has registered
      When Nora tries to write a note of 501 characters
      Then Nora is told a note holds 1 to 500 characters
