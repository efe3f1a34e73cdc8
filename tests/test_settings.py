"""The settings object: sources, priorities, conversions and the messages for bad input."""

from __future__ import annotations

import pytest

from journeys.settings import Settings, SettingsError, mask_url
from tests.conftest import BehaveProject


def test_defaults_need_nothing_and_draw_a_seed() -> None:
    settings = Settings.load({}, env={})
    assert settings.database_url == "" and settings.isolation == "auto"
    assert 0 <= settings.seed < 2**31


def test_userdata_overrides_the_environment() -> None:
    settings = Settings.load(
        {"isolation": "delete", "seed": "9"},
        env={"JOURNEYS_ISOLATION": "recreate", "JOURNEYS_SEED": "3", "PATH": "/bin"},
    )
    assert (settings.isolation, settings.seed) == ("delete", 9)


def test_the_environment_overrides_the_defaults() -> None:
    settings = Settings.load({}, env={"JOURNEYS_HTTP_TIMEOUT": "2.5", "JOURNEYS_SEED": "11"})
    assert (settings.http_timeout, settings.seed) == (2.5, 11)


def test_an_unparseable_database_url_says_how_to_write_one() -> None:
    with pytest.raises(
        SettingsError,
        match=r"is not a SQLAlchemy URL; write it as "
        r"dialect\+driver://user@host:port/database",
    ):
        Settings.load({"database_url": "postgres on localhost"}, env={})


def test_a_target_must_name_module_and_attribute() -> None:
    with pytest.raises(SettingsError, match="must name module:attribute"):
        Settings.load({"target": "support.target"}, env={})


def test_describe_masks_the_password() -> None:
    settings = Settings(database_url="postgresql+psycopg://app:s3cret@db:5432/test", seed=5)
    line = settings.describe()
    assert "s3cret" not in line and "app:***@db:5432/test" in line and "seed=5" in line
    assert mask_url("not a url") == "<unparseable URL>"


@pytest.mark.parametrize(
    ("given", "read_with"),
    [
        ("sqlite+aiosqlite:///shop_test.db", "sqlite+pysqlite:///shop_test.db"),
        (
            "postgresql+asyncpg://app:pw@127.0.0.1/shop_test",
            "postgresql+psycopg://app:pw@127.0.0.1/shop_test",
        ),
        (
            "postgresql+psycopg_async://app@127.0.0.1/shop_test",
            "postgresql+psycopg://app@127.0.0.1/shop_test",
        ),
        ("mysql+aiomysql://root@127.0.0.1/shop_test", "mysql+pymysql://root@127.0.0.1/shop_test"),
        ("mysql+asyncmy://root@127.0.0.1/shop_test", "mysql+pymysql://root@127.0.0.1/shop_test"),
        (
            "postgresql+psycopg://app@127.0.0.1/shop_test",
            "postgresql+psycopg://app@127.0.0.1/shop_test",
        ),
        ("sqlite:///shop_test.db", "sqlite:///shop_test.db"),
    ],
)
def test_an_async_url_is_read_with_a_synchronous_driver(given: str, read_with: str) -> None:
    from journeys.engines import sync_url

    assert sync_url(given) == read_with


def test_a_run_on_an_async_url_says_which_driver_journeys_reads_with(
    project: BehaveProject, tmp_path
) -> None:
    project.feature(
        """
        Feature: Probe
          Scenario: Browse
            Given Paula is a registered shopper
        """
    )
    url = f"sqlite+aiosqlite:///{tmp_path / 'async_test.sqlite3'}"
    outcome = project.run("-D", f"database_url={url}")
    assert outcome.returncode == 0, outcome.output[-2000:]
    assert (
        f"the service's driver is async ({url}): journeys reads the database through "
        "sqlite+pysqlite" in outcome.stderr
    )


def test_the_environment_overrides_the_config_file_and_the_command_line_both() -> None:
    """What `init --url` writes into pyproject.toml is a default: CI's JOURNEYS_* wins."""
    in_file = {"seed": "5", "base_url": "http://127.0.0.1:8000"}
    env = {"JOURNEYS_SEED": "7", "JOURNEYS_BASE_URL": "http://127.0.0.1:9000"}
    settings = Settings.load(in_file, env=env, defines={})
    assert (settings.seed, settings.base_url) == (7, "http://127.0.0.1:9000")
    given = Settings.load({**in_file, "seed": "9"}, env=env, defines={"seed": "9"})
    assert (given.seed, given.base_url) == (9, "http://127.0.0.1:9000")


def test_a_run_takes_the_environment_over_its_pyproject(project: BehaveProject) -> None:
    project.feature(
        """
        Feature: Probe
          Scenario: Browse
            Given Paula is a registered shopper
        """
    )
    (project.root / "pyproject.toml").write_text('[tool.behave.userdata]\nseed = "5"\n')
    from_env = project.run(env={"JOURNEYS_SEED": "7"})
    assert "seed=7 " in from_env.stderr, from_env.stderr
    from_command_line = project.run("-D", "seed=9", env={"JOURNEYS_SEED": "7"})
    assert "seed=9 " in from_command_line.stderr


def test_a_journeys_table_sets_defaults_and_each_services_own_below_env_and_defines() -> None:
    table = {
        "seed": 7,
        "clean_results": False,
        "isolation": "delete",
        "accounts": {"isolation": "restore", "database_url": "sqlite:///accounts_test.db"},
    }
    settings = Settings.load({}, env={}, defines={}, table=table)
    assert (settings.seed, settings.clean_results, settings.isolation) == (7, False, "delete")
    assert ("accounts", "isolation", "restore") in settings.services
    over = Settings.load(
        {"seed": "9"},
        env={"JOURNEYS_ISOLATION": "recreate", "JOURNEYS_ISOLATION_ACCOUNTS": "delete"},
        defines={"seed": "9"},
        table=table,
    )
    assert (over.seed, over.isolation) == (9, "recreate")
    assert ("accounts", "isolation", "delete") in over.services


def test_a_journeys_table_names_what_it_got_wrong() -> None:
    with pytest.raises(
        SettingsError, match=r"unknown setting 'isolaton' \(from \[tool.journeys\] isolaton\)"
    ):
        Settings.load({}, env={}, defines={}, table={"isolaton": "delete"})
    with pytest.raises(
        SettingsError,
        match=r"\[tool.journeys.accounts\] seed: a service of a system sets only database_url, base_url",
    ):
        Settings.load({}, env={}, defines={}, table={"accounts": {"seed": 3}})


def test_a_pyproject_that_is_not_toml_is_named(tmp_path) -> None:
    from journeys.settings import journeys_table

    (tmp_path / "pyproject.toml").write_text("[tool.journeys\nseed = 1\n")
    with pytest.raises(SettingsError, match=r"pyproject\.toml is not valid TOML"):
        journeys_table(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.journeys]\nseed = 1\n[tool.journeys.users]\nbase_url = "http://127.0.0.1:1"\n'
    )
    assert journeys_table(tmp_path) == {"seed": 1, "users": {"base_url": "http://127.0.0.1:1"}}
