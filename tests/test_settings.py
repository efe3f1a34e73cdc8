"""The settings object: sources, priorities, conversions and the messages for bad input."""

from __future__ import annotations

import pytest

from journeys.settings import Settings, SettingsError, mask_url


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
