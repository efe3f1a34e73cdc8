"""The shop runs on its own: ``python -m shop`` migrates its database and serves."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from journeys import eventually
from journeys.mailbox import MailServer
from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_shop(tmp_path: Path, **extra: str) -> Iterator[str]:
    """``python -m shop`` on a SQLite file of its own: its base URL once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "SHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'shop.sqlite3'}",
        "SHOP_PASSWORD_TIME_COST": "1",
        "SHOP_PASSWORD_MEMORY_KIB": "32",
        **extra,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "shop", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if requests.get(f"{base}/health", timeout=1).json()["status"] == "ok":
                    break
            except requests.ConnectionError:
                time.sleep(0.05)
        else:
            raise AssertionError("python -m shop did not answer within 10 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def register_ana(base: str) -> None:
    registered = requests.post(
        f"{base}/accounts",
        timeout=5,
        json={"email": "ana@example.com", "password": "long enough", "full_name": "Ana"},
    )
    assert registered.status_code == 201


def test_python_m_shop_migrates_and_serves(tmp_path: Path) -> None:
    with running_shop(tmp_path) as base:
        register_ana(base)
        assert requests.get(f"{base}/products", timeout=5).json()["total"] == 0


def test_with_a_broker_python_m_shop_runs_its_events_worker(tmp_path: Path) -> None:
    """The worker thread relays the outbox and its consumers mail over real SMTP."""
    mail = MailServer().start()
    try:
        with running_shop(tmp_path, SHOP_BROKER_URL="memory://", SHOP_SMTP_URL=mail.url) as base:
            register_ana(base)

            def welcomed() -> list[str]:
                subjects = [m.subject for m in mail.mails(to="ana@example.com")]
                assert subjects, "no mail yet"
                return subjects

            assert eventually(welcomed, "the welcome mail", within=10) == [
                "Welcome to the shop, Ana"
            ]
    finally:
        mail.stop()


def test_a_wrong_shop_setting_is_refused_with_its_name() -> None:
    env = {**os.environ, "SHOP_PASSWORD_TIME_COST": "fast"}
    result = subprocess.run(
        [sys.executable, "-m", "shop"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "shop: SHOP_PASSWORD_TIME_COST='fast' is not a whole number" in result.stderr


def test_an_smtp_setting_that_is_not_a_url_is_refused_with_its_name() -> None:
    from shop.settings import SettingsError, ShopSettings

    with pytest.raises(SettingsError, match=r"SHOP_SMTP_URL='mail\.example\.com' is not an"):
        ShopSettings.from_env({"SHOP_SMTP_URL": "mail.example.com"})
    settings = ShopSettings.from_env({"SHOP_BROKER_URL": "memory://", "SHOP_EVENTS_PREFIX": "a."})
    assert (settings.broker_url, settings.events_prefix) == ("memory://", "a.")
