Feature: Account events on their way
  The notes service reads the accounts service's events on its own time. A slow reader
  must hold a journey back, never break it; a stopped reader must refuse writers it does
  not know yet, and lose nothing: once it reads again, the member can write.

  Rule: A member whose event is late can write once it has arrived
    Scenario: Events read slowly still let Nora write
      Given the notes service reads account events slowly
      When Nora registers
      And she writes the note "Patience"
      Then Nora's notes are "Patience"

  Rule: Until the notes service knows a member, it refuses their notes, and loses nothing
    Scenario: Nora writes before and after the notes service reads her event
      Given the notes service has stopped reading account events
      When Nora registers
      And she tries to write the note "Too early"
      Then she is told the notes service does not know her yet
      When the notes service reads account events again
      And she writes the note "Just in time"
      Then Nora's notes are "Just in time"
