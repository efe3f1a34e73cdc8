"""``python -m bakery``: create the tables and serve on 127.0.0.1:5000."""

from __future__ import annotations

from bakery import create_app
from bakery.models import db

if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        db.create_all()
    app.run(host="127.0.0.1", port=5000)
