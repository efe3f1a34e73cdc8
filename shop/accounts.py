"""Accounts: register, log in, who am I."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, EmailStr
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop import login_limits, outbox
from shop.deps import DB, CurrentUser, Settings
from shop.errors import Conflict, Unauthorized, refusals
from shop.inputs import AnyPassword, Email, Name, Password
from shop.models import User
from shop.security import Passwords, issue_token

router = APIRouter(tags=["accounts"])


class Registration(BaseModel):
    email: EmailStr
    password: Password
    full_name: Name


class Credentials(BaseModel):
    email: Email
    password: AnyPassword


class UserOut(BaseModel):
    id: int
    email: str
    full_name: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime


def _passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


@router.post("/accounts", status_code=201, response_model=UserOut, responses=refusals(409, 422))
def register(body: Registration, db: DB, request: Request) -> User:
    user = User(
        email=body.email.lower(),
        full_name=body.full_name.strip(),
        password_hash=_passwords(request).hash(body.password),
    )
    db.add(user)
    try:
        db.flush()  # the email's unique index decides here
    except IntegrityError:
        # The unique index decides, so two simultaneous registrations cannot both win.
        db.rollback()
        raise Conflict(
            "email_taken", "An account with this email already exists.", field="email"
        ) from None
    outbox.account_registered(db, user)  # in the same transaction as the account
    db.commit()
    return user


@router.post("/auth/login", response_model=TokenOut, responses=refusals(401, 422, 429))
def log_in(body: Credentials, db: DB, settings: Settings, request: Request) -> TokenOut:
    email = body.email.strip().lower()
    client = request.client.host if request.client else "unknown"
    login_limits.check(db, settings, email, client)  # before the password: no guessing
    user = db.scalars(select(User).where(User.email == email)).first()
    if not _passwords(request).verify(user.password_hash if user else None, body.password):
        login_limits.record_failure(db, settings, email, client)
        raise Unauthorized("invalid_credentials", "The email or the password is wrong.")
    assert user is not None
    login_limits.clear(db, email)
    token = issue_token(user.id, settings)
    return TokenOut(access_token=token.access_token, expires_at=token.expires_at)


@router.get("/me", response_model=UserOut, responses=refusals(401))
def me(user: CurrentUser) -> User:
    return user
