"""The database refusing a service's writes (journeys.faults): only statements sent while the
service answers a request, only to the tables named, raised as the driver's own error so
that SQLAlchemy and the service see what a failing database gives them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.exc import OperationalError

from journeys.faults import WriteRefusals
from journeys.queries import _current_request

metadata = MetaData()
products = Table("products", metadata, Column("id", Integer, primary_key=True),
                 Column("name", String(20)))  # fmt: skip
images = Table("images", metadata, Column("id", Integer, primary_key=True))


@pytest.fixture
def refusals() -> Iterator[WriteRefusals]:
    made = WriteRefusals()
    made.install()
    yield made
    made.uninstall()


def _as_the_service(statement):  # type: ignore[no-untyped-def]
    token = _current_request.set("request-1")
    try:
        with engine.begin() as connection:
            connection.execute(statement)
    finally:
        _current_request.reset(token)


engine = create_engine("sqlite://")


@pytest.fixture(autouse=True)
def empty_tables() -> Iterator[None]:
    metadata.create_all(engine)
    yield
    metadata.drop_all(engine)


def test_a_refused_write_is_the_drivers_operational_error_naming_the_table(
    refusals: WriteRefusals,
) -> None:
    refusals.refuse(["products"])
    with pytest.raises(OperationalError, match="refuse writes to products"):
        _as_the_service(insert(products).values(name="Blue Mug"))
    assert refusals.refused == 1
    with engine.connect() as connection:
        assert connection.execute(select(products)).all() == []


def test_only_the_tables_named_and_only_writes_are_refused(refusals: WriteRefusals) -> None:
    refusals.refuse(["images"])
    _as_the_service(insert(products).values(name="Blue Mug"))
    _as_the_service(select(images))
    with pytest.raises(OperationalError):
        _as_the_service(insert(images).values())
    refusals.refuse([])  # none named: every table
    with pytest.raises(OperationalError, match="products"):
        _as_the_service(products.update().values(name="Azure Mug"))


def test_the_harnesss_own_statements_and_a_cleared_refusal_pass(refusals: WriteRefusals) -> None:
    refusals.refuse([])
    with engine.begin() as connection:  # no request in force: factories, checks, clean-up
        connection.execute(insert(images).values())
    refusals.clear()
    _as_the_service(insert(images).values())
    assert refusals.refused == 0


def test_unchanged_names_every_row_and_file_added_removed_or_changed() -> None:
    from journeys.checks import unchanged

    before = {"products": {(1,): {"id": 1, "price_cents": 1800}}, "storage": {"a.png": 3}}
    unchanged("the shop", before, {**before})
    after = {"products": {(1,): {"id": 1, "price_cents": 2150}, (2,): {"id": 2}},
             "storage": {}}  # fmt: skip
    with pytest.raises(AssertionError) as raised:
        unchanged("the shop", before, after)
    message = str(raised.value)
    assert "products (1,): price_cents 1800 -> 2150" in message
    assert "products (2,): added ({'id': 2})" in message
    assert "storage a.png: gone (was 3)" in message
