"""The harness refuses what could hurt a user's real data, and says how to override it."""

from __future__ import annotations

import pytest

from journeys.exceptions import SettingsError
from journeys.guards import check_database, is_loopback
from journeys.settings import Settings
from tests.conftest import BehaveProject

FEATURE = """
    Feature: Probe
      Scenario: Anything
        Given Paula is a registered shopper
"""
PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
MY = "mysql+pymysql://root@127.0.0.1:3306"

# Every form a careful user expects judged as the driver will see it: (URL, the words the
# refusal must hold, or None where the URL is accepted). Remote hosts are judged from the
# URL alone: nothing here connects anywhere.
URLS: list[tuple[str, str | None]] = [
    # Accepted: test databases on this machine, in the forms drivers read.
    (f"{PG}/test", None),
    ("postgresql+psycopg://postgres@localhost/shop_test", None),
    ("postgresql+psycopg://postgres@localhost./shop_test", None),
    ("postgresql+psycopg://postgres@[::1]:5432/shop_ci", None),
    ("postgresql+psycopg://postgres@[::ffff:127.0.0.1]:5432/shop_ci", None),
    ("postgresql+psycopg://postgres@127.1/shop_test", None),  # what getaddrinfo reads as 127.0.0.1
    ("postgresql+psycopg://postgres@0x7f000001/shop_test", None),
    ("postgresql+psycopg://postgres@/shop_test?host=/var/run/postgresql", None),  # a unix socket
    ("postgresql+psycopg:///shop_test", None),  # libpq's default socket
    (f"{PG}/%74est", None),  # "test", percent-encoded once
    (f"{PG}/shop_test2", None),
    (f"{PG}/ci-shop", None),
    (f"{PG}/rel_test?dbname=other_test", None),  # dbname wins, and is a test database
    (f"{PG}/shop_test?application_name=prod-report", None),  # not where it connects
    (f"{MY}/shop_test", None),
    ("mysql+pymysql://root@localhost/shop_dev?unix_socket=/run/mysqld/mysqld.sock", None),
    ("sqlite:////tmp/journeys/suite_test.sqlite3", None),
    ("sqlite:////srv/prod/suite_test.sqlite3", None),  # folders do not count
    ("sqlite:///dev.db", None),
    ("sqlite://", None),
    ("sqlite:///:memory:", None),
    ("sqlite:///file:shop_test.db?mode=ro&uri=true", None),
    ("sqlite:///file::memory:?cache=shared&uri=true", None),
    # Refused: the driver opens another database than the URL's path.
    (f"{PG}/rel_test?dbname=prod_db", "'prod_db' (the dbname= option"),
    ("sqlite:///file:/path/prod.db#test?uri=true", "'prod.db' (the SQLite URI's path)"),
    ("sqlite:///file:/tmp/pr%256Fd_test.db?uri=true", "'prod_test.db' (the SQLite URI's path)"),
    (f"{PG}/prod%252Dtest", "the production word 'prod'"),  # decoded once: prod%2Dtest
    (f"{MY}/shop_test?database=prod", "'prod' (the database= option"),
    (f"{MY}/shop_test?db=live_orders", "'live_orders' (the db= option"),
    # Refused: a production word, whatever else the name holds, in any case or script.
    (f"{PG}/prod_test", "holds the production word 'prod'"),
    (f"{PG}/test_production", "holds the production word 'production'"),
    (f"{PG}/live-test", "holds the production word 'live'"),
    (f"{PG}/shop_main_ci", "holds the production word 'main'"),
    (f"{PG}/PROD_TEST", "holds the production word 'prod'"),
    # Fullwidth letters (NFKC makes them Latin), a Cyrillic o, a Cyrillic e.
    (f"{PG}/\uff50\uff52\uff4f\uff44_test", "holds the production word 'prod'"),
    (f"{PG}/pr\u043ed_test", "holds the production word 'pr\u043ed'"),
    (f"{PG}/t\u0435st", "spells 't\u0435st' with look-alike letters"),
    ("sqlite:///prod.db?test=1", "holds the production word 'prod'"),
    (f"{PG}/shop_test?options=-csearch_path%3Dprod", "'search_path=prod' (the options= option)"),
    # Refused: no test word.
    (f"{PG}/shop", "has none of these words: test, dev, ci"),
    (f"{PG}/contest", "has none of these words"),
    (f"{PG}/postgres?application_name=test", "has none of these words"),
    # Refused: a host that is not this machine, however it is given.
    ("postgresql+psycopg://postgres@10.20.30.40:5432/shop_test", "the host '10.20.30.40'"),
    ("postgresql+psycopg://postgres@db.prod.example.com/ci", "the host 'db.prod.example.com'"),
    ("postgresql+psycopg://postgres@127.0.0.1.nip.io/shop_test", "the host '127.0.0.1.nip.io'"),
    ("postgresql+psycopg://postgres@169090600/shop_test", "the host '169090600'"),  # 10.20.30.40
    ("postgresql+psycopg://postgres@[::ffff:10.0.0.1]/shop_test", "the host '::ffff:10.0.0.1'"),
    (f"{PG}/rel_test?host=10.20.30.40", "the host '10.20.30.40' (the host= option)"),
    (f"{PG}/shop_test?host=127.0.0.1,10.0.0.2", "the host '10.0.0.2' (the host= option)"),
    (f"{PG}/shop_test?hostaddr=10.0.0.7", "the host '10.0.0.7' (the hostaddr= option)"),
    (f"{MY}/shop_test?host=10.1.1.1", "the host '10.1.1.1' (the host= option)"),
    ("sqlite:///file://files.example.com/tmp/x_test.db?uri=true", "the host 'files.example.com'"),
    # Refused: the destination is decided where journeys cannot see it.
    (f"{PG}/shop_test?service=prod", "service=prod (the service= option)"),
    (f"{MY}/shop_test?read_default_file=/etc/my.cnf", "read_default_file=/etc/my.cnf"),
]


@pytest.mark.parametrize(("url", "refusal"), URLS)
def test_every_url_is_judged_where_the_driver_connects(url: str, refusal: str | None) -> None:
    settings = Settings(database_url=url)
    if refusal is None:
        check_database(settings)
        return
    with pytest.raises(SettingsError) as refused:
        check_database(settings)
    refusal_text = str(refused.value)
    assert refusal in refusal_text, refusal_text
    assert "JOURNEYS_ALLOW" in refusal_text or "in the URL itself" in refusal_text


def test_the_table_is_large_and_covers_every_backend() -> None:
    assert len(URLS) >= 40
    assert {url.split(":")[0].split("+")[0] for url, _ in URLS} == {"postgresql", "mysql", "sqlite"}


def test_libpq_variables_count_where_the_url_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "10.0.0.3")
    with pytest.raises(SettingsError, match=r"the host '10.0.0.3' \(PGHOST\)"):
        check_database(Settings(database_url="postgresql+psycopg:///shop_test"))
    monkeypatch.delenv("PGHOST")
    monkeypatch.setenv("PGDATABASE", "prod")
    with pytest.raises(SettingsError, match="'prod' \\(PGDATABASE"):
        check_database(Settings(database_url="postgresql+psycopg://postgres@127.0.0.1"))


def test_a_host_named_in_allowed_hosts_is_accepted_on_purpose() -> None:
    url = "postgresql+psycopg://postgres@db:5432/shop_test"  # a CI compose service
    with pytest.raises(SettingsError, match="JOURNEYS_ALLOWED_HOSTS=db"):
        check_database(Settings(database_url=url))
    check_database(Settings(database_url=url, allowed_hosts="db, cache"))
    # The old name of the setting is still read.
    assert Settings.load({"allow_hosts": "db"}, env={}).allowed_hosts == "db"


def test_allow_database_allows_the_name_but_not_a_remote_host() -> None:
    url = "postgresql+psycopg://postgres@10.0.0.9/prod"
    with pytest.raises(SettingsError) as refused:
        check_database(Settings(database_url=url, allow_database=url))
    assert "the host '10.0.0.9'" in str(refused.value)
    assert "'prod'" not in str(refused.value)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.1", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
        ("::ffff:10.1.2.3", False),
        ("shop.example.com", False),
        ("localhost.example.com", False),
    ],
)
def test_what_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_production_looking_database_is_refused_before_connecting(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    url = "postgresql+psycopg://app:s3cret@127.0.0.1:1/shop"
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url})
    assert outcome.returncode == 1
    assert (
        "refusing database_url=postgresql+psycopg://app:***@127.0.0.1:1/shop: the database "
        "'shop' (the URL's path) has none of these words: test, dev, ci; only the database's "
        "name counts, not the host, user or folders" in outcome.stderr
    )
    assert "JOURNEYS_ALLOW_DATABASE=<the same URL>" in outcome.stderr
    assert "cannot reach" not in outcome.stderr  # refused before any connection
    assert "s3cret" not in outcome.output


def test_allowing_that_exact_database_lets_the_run_go_on(project: BehaveProject) -> None:
    project.feature(FEATURE)
    url = "postgresql+psycopg://app@127.0.0.1:1/shop"
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url, "JOURNEYS_ALLOW_DATABASE": url})
    assert "refusing" not in outcome.stderr
    assert (
        "cannot reach the database postgresql+psycopg://app@127.0.0.1:1/shop" in outcome.stderr
    )  # the guard let it through; nothing listens on port 1


def test_markers_are_a_setting(project: BehaveProject, tmp_path) -> None:
    project.feature(FEATURE)
    url = f"sqlite:///{tmp_path / 'qa_shop.sqlite3'}"
    refused = project.run("-D", "database_markers=staging", env={"JOURNEYS_DATABASE_URL": url})
    assert "'qa_shop.sqlite3' (the URL's path) has none of these words: staging" in refused.stderr
    accepted = project.run("-D", "database_markers=qa", env={"JOURNEYS_DATABASE_URL": url})
    assert accepted.returncode == 0, accepted.output


def test_a_server_address_off_this_machine_is_refused(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=10.1.2.3")
    assert outcome.returncode == 1
    assert (
        "refusing to serve the target on '10.1.2.3' (host): it is not a loopback address"
        in outcome.stderr
    )
    assert "JOURNEYS_ALLOWED_HOSTS=10.1.2.3" in outcome.stderr


def test_an_allowed_host_gets_past_the_guard(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=10.1.2.3", "-D", "allowed_hosts=10.1.2.3")
    assert "refusing" not in outcome.stderr
    # Past the guard, binding fails: this machine has no such address. No traffic is sent.
    assert "journeys: the run did not start. cannot listen on 10.1.2.3:0" in outcome.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://app:hunter22@127.0.0.1:5999/prod?password=hunter33",
        "postgresql+psycopg://app@127.0.0.1:5999/shop_test?password=hunter33",
        "postgres ql://app:hunter22@nowhere/x",  # not a URL at all
    ],
)
def test_passwords_in_any_url_never_reach_the_console_or_the_results(
    project: BehaveProject, url: str
) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", f"database_url={url}")
    assert outcome.returncode == 1
    written = "".join(p.read_text() for p in project.root.rglob("*") if p.is_file())
    for secret in ("hunter22", "hunter33"):
        assert secret not in outcome.output and secret not in written


def test_a_sqlite_file_without_a_marker_is_refused_before_it_is_created(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "database_url=sqlite:///prod.db?test=1")
    assert outcome.returncode == 1
    assert "'prod.db' (the URL's path) holds the production word 'prod'" in outcome.stderr
    assert not (project.root / "prod.db").exists()


def test_ipv6_loopback_serves_the_target(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=::1")
    assert outcome.returncode == 0, outcome.output
    assert "server=http://[::1]:" in outcome.stderr


def test_the_readmes_benchmark_command_is_not_refused() -> None:
    """`python bench/isolation.py` lets the harness make its own SQLite files: allowed."""
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run(
        [sys.executable, "bench/isolation.py", "--scenarios", "2", "--postgres", "none"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sqlite file  restore" in done.stdout


def _reachable(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _refused_untouched(url: str) -> None:
    """The run refuses the URL before it connects: the harness never starts."""
    from journeys import Harness

    with pytest.raises(SettingsError, match="refusing database_url"):
        Harness(Settings(database_url=url)).start()


def test_nothing_is_written_to_a_refused_sqlite_file(tmp_path) -> None:
    import sqlite3

    prod = tmp_path / "prod.db"
    with sqlite3.connect(prod) as connection:
        connection.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)")
        connection.execute("INSERT INTO kept VALUES (1)")
    before = prod.read_bytes()
    for url in (f"sqlite:///file:{prod}#test?uri=true", f"sqlite:///{prod}?test=1"):
        _refused_untouched(url)
    assert prod.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prod.db"]


@pytest.mark.parametrize(
    ("backend", "port", "admin", "attack"),
    [
        (
            "postgresql",
            5432,
            "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
            "postgresql+psycopg://postgres@127.0.0.1:5432/rel_test?dbname={name}",
        ),
        (
            "mariadb",
            3306,
            "mysql+pymysql://root@127.0.0.1:3306/",
            "mysql+pymysql://root@127.0.0.1:3306/shop_test?database={name}",
        ),
    ],
)
def test_nothing_is_written_to_a_refused_server_database(
    backend: str, port: int, admin: str, attack: str
) -> None:
    """A real production-named database, reached by an option the URL's path hides: it keeps
    no table of the run's (the shop's migrations would make 17)."""
    import os

    from sqlalchemy import create_engine, inspect, text

    if not _reachable(port):
        pytest.skip(f"no {backend} on 127.0.0.1:{port}")
    name = f"journeys_prod_{os.getpid()}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    quote = '"' if backend == "postgresql" else "`"
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {quote}{name}{quote}"))
    try:
        _refused_untouched(attack.format(name=name))
        target = engine.url.set(database=name)
        inside = create_engine(target)
        try:
            assert inspect(inside).get_table_names() == []
        finally:
            inside.dispose()
    finally:
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE {quote}{name}{quote}"))
        engine.dispose()
