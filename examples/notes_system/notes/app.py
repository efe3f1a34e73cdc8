"""The notes API: write a note, read an author's notes, the consumer's health, and an
operator's switch for the consumer."""

from __future__ import annotations

import hmac
from typing import Any

from accounts.security import user_of
from flask import Flask, g, jsonify, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.exceptions import HTTPException

from notes.consumer import EventConsumer
from notes.models import Author, Note


def problem(status: int, code: str, message: str) -> Any:
    return jsonify({"error": code, "message": message}), status


def create_app(
    sessions: sessionmaker,
    broker_url: str,
    prefix: str,
    secret: str,
    ops_token: str = "",
) -> Flask:
    """``sessions``: how the service opens its database (its own engine's, or a test
    harness's); ``ops_token``: empty, no operator switch at all."""
    app = Flask("notes")
    consumer = EventConsumer(broker_url, prefix, sessions).start()
    app.extensions["notes.consumer"] = consumer

    def db() -> Session:
        if "db" not in g:
            g.db = sessions()
        return g.db

    @app.teardown_appcontext
    def close(_error: BaseException | None) -> None:
        opened = g.pop("db", None)
        if opened is not None:
            opened.close()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        answer = problem(
            error.code or 500, error.name.lower().replace(" ", "_"), error.description or ""
        )
        if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
            return (*answer, {"Allow": ", ".join(error.valid_methods)})  # type: ignore[attr-defined]
        return answer

    def json_body() -> dict[str, Any]:
        body = request.get_json(silent=True)
        return body if isinstance(body, dict) else {}

    def public(author: Author) -> dict[str, Any]:
        return {"id": author.id, "name": author.name, "bio": author.bio}

    @app.post("/notes")
    def write() -> Any:
        user_id = user_of(request.headers.get("Authorization", "").removeprefix("Bearer "), secret)
        if user_id is None:
            return problem(401, "sign_in", "Sign in first: no valid bearer token was given.")
        text = json_body().get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= 500 or "\x00" in text:
            return problem(422, "invalid_text", "A note is a text of 1 to 500 characters.")
        author = db().get(Author, user_id)
        if author is None:  # the accounts service's event has not arrived (yet)
            return problem(
                401,
                "unknown_author",
                f"The notes service does not know user {user_id} yet: the accounts service's "
                "event has not reached it. Try again shortly.",
            )
        note = Note(author_id=author.id, text=text)
        db().add(note)
        db().commit()
        return jsonify({"id": note.id, "text": note.text, "author": public(author)}), 201

    @app.get("/authors/<int:author_id>")
    def author(author_id: int) -> Any:
        found = db().get(Author, author_id)
        if found is None:
            return problem(404, "not_found", f"No author {author_id}.")
        count = db().scalar(
            select(func.count()).select_from(Note).where(Note.author_id == author_id)
        )
        return jsonify({**public(found), "notes": count})

    @app.get("/authors/<int:author_id>/notes")
    def notes_of(author_id: int) -> Any:
        found = db().get(Author, author_id)
        if found is None:
            return problem(404, "not_found", f"No author {author_id}.")
        rows = db().scalars(select(Note).where(Note.author_id == author_id).order_by(Note.id))
        return jsonify([{"id": n.id, "text": n.text, "author": public(found)} for n in rows])

    @app.get("/health")
    def health() -> Any:
        return jsonify(
            {
                "consumer": "running" if consumer.running.is_set() else "paused",
                "waiting": consumer.waiting(),
                "busy": consumer.busy,
            }
        )

    @app.post("/ops/consumer")
    def operate() -> Any:
        if not ops_token:
            return problem(404, "not_found", "No operator switch on this service.")
        given = request.headers.get("X-Ops-Token", "")
        if not hmac.compare_digest(given.encode(), ops_token.encode()):
            return problem(403, "forbidden", "The X-Ops-Token header is missing or wrong.")
        body = json_body()
        running, delay = body.get("running", True), body.get("delay", 0)
        if (
            not isinstance(running, bool)
            or not isinstance(delay, int | float)
            or not 0 <= delay <= 5
        ):
            return problem(422, "invalid_switch", "Give running (true/false) and delay (0 to 5 s).")
        consumer.delay = float(delay)
        (consumer.running.set if running else consumer.running.clear)()
        return "", 204

    return app
