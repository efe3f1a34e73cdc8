"""journeys run as a user runs it: behave in a subprocess, on a feature written here."""

from __future__ import annotations

import re

from tests.conftest import BehaveProject

CART = """
    Feature: Probe
      Scenario: Paula fills her cart
        Given the shop sells these products:
          | product  | category | price | stock |
          | Blue Mug | Kitchen  | 12.50 | 10    |
        And Paula is a registered shopper
        When she adds 3 Blue Mugs to her cart
        Then her cart holds {expected} Blue Mugs
"""


def test_a_passing_journey_exits_zero(project: BehaveProject) -> None:
    project.feature(CART.format(expected=3))
    outcome = project.run()
    assert outcome.returncode == 0, outcome.output
    assert "1 scenario passed, 0 failed" in outcome.stdout


def test_a_failed_check_names_the_expectation_and_both_witnesses(project: BehaveProject) -> None:
    project.feature(CART.format(expected=5))
    outcome = project.run()
    assert outcome.returncode == 1
    assert (
        "Paula's cart: expected {'Blue Mug': 5}, but the api says {'Blue Mug': 3}, "
        "the database says {'Blue Mug': 3}" in outcome.stdout
    )
    # The harness points at the failing scenario and the last HTTP call.
    assert re.search(
        r"journeys: 'Paula fills her cart' failed at .*probe.feature:\d+; "
        r"last HTTP call: GET http://127\.0\.0\.1:\d+/cart -> 200",
        outcome.stderr,
    )


def test_the_settings_in_use_are_printed_once_with_the_seed_to_replay(
    project: BehaveProject,
) -> None:
    project.feature(CART.format(expected=3))
    outcome = project.run("-D", "seed=4242")
    assert outcome.stderr.count("journeys: database=") == 1
    assert "isolation=rollback seed=4242" in outcome.stderr
    assert "replay this run's data with: behave -D seed=4242" in outcome.stderr


def test_an_undefined_step_fails_the_run_and_says_how_to_find_steps(
    project: BehaveProject,
) -> None:
    project.feature("""
        Feature: Probe
          Scenario: Nobody wrote this step
            Given Paula is a registered shopper
            When she juggles three mugs
    """)
    outcome = project.run()
    assert outcome.returncode == 1
    assert "@when(u'she juggles three mugs')" in outcome.output  # behave's snippet
    assert (
        "journeys: 1 undefined step(s): 'she juggles three mugs' at features/probe.feature:4"
        in outcome.stderr
    )
    assert "behave --steps-catalog" in outcome.stderr


def test_a_malformed_feature_names_the_file_and_line(project: BehaveProject) -> None:
    project.feature("""
        Feature: Probe
          Scenario: A typo in a keyword
            Given Paula is a registered shopper
            Whne she signs in
    """)
    outcome = project.run()
    assert outcome.returncode == 1
    assert "Failed to parse" in outcome.output and "probe.feature" in outcome.output
    assert 'at line 4: "Whne she signs in"' in outcome.output


def test_an_unknown_column_in_a_data_table_is_named(project: BehaveProject) -> None:
    project.feature("""
        Feature: Probe
          Scenario: A table with a typo
            Given the shop sells these products:
              | product  | colour |
              | Blue Mug | blue   |
    """)
    outcome = project.run()
    assert outcome.returncode == 1
    assert (
        "unknown column(s) colour in the table at line 4; this step knows: product, "
        "category, price, stock, description" in outcome.stdout
    )


def test_the_same_seed_replays_the_same_data_and_another_seed_does_not(
    project: BehaveProject, tmp_path
) -> None:
    out = tmp_path / "names.txt"
    project.steps(f"""
        from behave import then
        from factories import ProductFactory, UserFactory

        @then("the factories make a product and a shopper")
        def step_impl(context):
            with open({str(out)!r}, "a") as f:
                f.write(f"{{ProductFactory().name}}|{{UserFactory().email}}\\n")
    """)
    project.feature("""
        Feature: Probe
          Scenario: Random data
            Then the factories make a product and a shopper
    """)
    for seed in ("7", "7", "8"):
        assert project.run("-D", f"seed={seed}").returncode == 0
    first, replay, other = out.read_text().splitlines()
    assert first == replay
    assert first != other
