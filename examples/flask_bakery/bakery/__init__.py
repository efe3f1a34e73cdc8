"""A small bakery's online shop: Flask + Flask-SQLAlchemy, the second service journeys tests.

Customers sign up, browse the loaves, fill a basket and place orders. Prices are integer
pence, shown as "4.20". Customers authenticate with HTTP Basic; errors read
``{"error": "Conflict", "message": "...", "field": "..."}``, Flask's own style.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from bakery.models import db
from bakery.views import api

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
        "BAKERY_DATABASE_URL", "sqlite:///bakery.sqlite3"
    )
    app.config.update(config or {})
    db.init_app(app)
    app.register_blueprint(api, url_prefix="/api")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        body: dict[str, Any] = {"error": exc.name}
        if exc.description and exc.code != 404:
            body["message"] = exc.description
        field = getattr(exc, "field", None)
        if field:
            body["field"] = field
        response = jsonify(body)
        response.status_code = exc.code or 500
        if exc.code == 401:
            response.headers["WWW-Authenticate"] = 'Basic realm="bakery"'
        return response

    @app.get("/health")
    def health() -> Any:
        return {"status": "ok", "version": __version__}

    return app
