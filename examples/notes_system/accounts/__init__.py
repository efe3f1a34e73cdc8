"""The accounts service: who may write, their names and bios. FastAPI on an async
SQLAlchemy engine (SQLite through aiosqlite by default, PostgreSQL through psycopg).

Every change to a user is published as an event (``user.registered``, ``user.bio_changed``)
on the ``<prefix>.accounts`` topic exchange once its transaction has committed; other
services keep their own copy of what they need from those events.
"""

from accounts.app import create_app

__all__ = ["create_app"]
__version__ = "1.0.0"
