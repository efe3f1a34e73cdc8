"""Flask-SQLAlchemy, made to take its sessions from journeys.

Flask-SQLAlchemy's own Session always binds to the extension's engine, whatever bind it was
given (see shared facts), so the per-scenario rollback would not hold. In ``make_app``::

    app = create_app(...)
    journeys.flask_sqlalchemy.use_sessions(db, wiring.sessions)

``db.session`` (and ``Model.query``, ``db.paginate``...) then come from the harness's
sessionmaker, scoped to the app context as before. The service's code is unchanged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import scoped_session, sessionmaker


def use_sessions(db: Any, sessions: sessionmaker) -> scoped_session:
    """Replace ``db.session`` with one scoped on journeys' sessionmaker; returns it."""
    current = getattr(db, "session", None)
    if not isinstance(current, scoped_session):
        raise TypeError(
            "use_sessions() expects a Flask-SQLAlchemy SQLAlchemy() object (db), "
            f"got {type(db).__name__}."
        )
    # The same scope as the extension's: one session per Flask app context.
    scoped = scoped_session(sessions, scopefunc=current.registry.scopefunc)
    db.session = scoped  # the extension's teardown calls db.session.remove() on this one
    return scoped
