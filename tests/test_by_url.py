"""A service already running, reached by URL: settings that cannot work are refused, and a
run leaves the database exactly as it found it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    update,
)

from journeys.exceptions import HarnessError
from journeys.snapshot import Snapshot
from tests.conftest import REPO, BehaveProject

FEATURE = """
Feature: Probe
  Scenario: Browse
    Given the shop sells 2 products
"""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-D", "base_url=http://127.0.0.1:9"], "needs the service's database for checks and factories"),
        (["-D", "base_url=http://10.0.0.5:8000", "-D", "database_url=sqlite:///x_test.db"], "refusing to test the service at '10.0.0.5' (base_url)"),
        (["-D", "base_url=http://127.0.0.1:9", "-D", "database_url=sqlite:///x_test.db", "-D", "isolation=rollback"], "isolation=rollback cannot isolate a service running in another process"),
        (["-D", "base_url=http://127.0.0.1:9", "-D", "database_url=sqlite:///x_test.db"], "cannot reach the service at http://127.0.0.1:9"),
        (["-D", "stand_in_ports=payment_gateway"], "write it as name=port"),
    ],
    ids=["no database", "off this machine", "rollback", "not running", "bad ports"],
)  # fmt: skip
def test_what_cannot_work_by_url_is_refused_saying_why(
    project: BehaveProject, args: list[str], message: str
) -> None:
    project.feature(FEATURE)
    outcome = project.run(*args, env={"JOURNEYS_DATABASE_URL": ""})  # as if never set
    assert outcome.returncode == 1
    assert message in outcome.stderr


def test_restore_puts_back_exactly_the_starting_rows(tmp_path) -> None:
    metadata = MetaData()
    shelf = Table(
        "shelf", metadata, Column("id", Integer, primary_key=True), Column("name", String)
    )
    item = Table(
        "item",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("shelf_id", ForeignKey("shelf.id")),
    )
    engine = create_engine(f"sqlite:///{tmp_path / 'restore_test.sqlite3'}")
    metadata.create_all(engine)
    with engine.begin() as c:
        c.execute(
            insert(shelf),
            [{"id": 1, "name": "kept"}, {"id": 2, "name": "changed"}, {"id": 3, "name": "deleted"}],
        )
        c.execute(insert(item), [{"id": 1, "shelf_id": 3}])
    snapshot = Snapshot.take(engine, metadata)
    with engine.begin() as c:  # what a scenario might do
        c.execute(update(shelf).where(shelf.c.id == 2).values(name="renamed"))
        c.execute(item.delete())
        c.execute(shelf.delete().where(shelf.c.id == 3))
        c.execute(insert(shelf), [{"id": 4, "name": "added"}])
        c.execute(insert(item), [{"id": 2, "shelf_id": 4}])
    assert snapshot.differences(engine) == {"shelf": 3, "item": 2}
    snapshot.restore(engine)
    assert snapshot.differences(engine) == {}
    with engine.connect() as c:
        assert c.execute(select(shelf.c.name).order_by(shelf.c.id)).scalars().all() == [
            "kept",
            "changed",
            "deleted",
        ]


def test_restore_refuses_a_table_without_a_primary_key(tmp_path) -> None:
    metadata = MetaData()
    Table("log", metadata, Column("line", String))
    engine = create_engine(f"sqlite:///{tmp_path / 'nokey_test.sqlite3'}")
    metadata.create_all(engine)
    with pytest.raises(
        HarnessError, match="cannot tell rows apart in log: these tables have no primary key"
    ):
        Snapshot.take(engine, metadata)


def postgres_url() -> str | None:
    url = os.environ.get("JOURNEYS_DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


@pytest.mark.skipif(postgres_url() is None, reason="needs PostgreSQL (JOURNEYS_DATABASE_URL)")
def test_the_shop_by_url_leaves_every_table_as_it_found_it() -> None:
    server = postgres_url()
    assert server is not None
    completed = subprocess.run(
        [sys.executable, "scripts/shop_by_url.py", "--server", server,
         "features/orders/checkout.feature", "features/accounts/tokens.feature"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "isolation=restore" in output
    assert "every table is exactly as it was before the run (2 rows)" in output
    assert "skipped 'A token stops working when its hour is over'" in output
    assert "@in_process: the service runs in another process" in output
