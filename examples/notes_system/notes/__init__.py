"""The notes service: short notes signed by their authors. Flask on SQLAlchemy (SQLite by
default, MariaDB through PyMySQL). It knows an author only from the accounts service's
events, which its consumer (notes.consumer) reads into the ``authors`` table."""

from notes.app import create_app

__all__ = ["create_app"]
__version__ = "1.0.0"
