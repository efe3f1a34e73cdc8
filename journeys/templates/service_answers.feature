@journeys.starter
Feature: The service answers
  A first scenario to see the harness work. Replace it with your users' journeys: personas,
  business words, one rule per scenario, about five lines each.

  Rule: Anyone can reach the service

    Scenario: A visitor finds the service answering
      When a visitor opens the front page
      Then the visitor gets an answer
