"""Request-scoped dependencies: one database session per request, the current shopper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from shop.cache import CatalogCache
from shop.errors import Unauthorized
from shop.models import User
from shop.security import user_id_from_token
from shop.settings import ShopSettings
from shop.storage import Storage


def get_db(request: Request) -> Iterator[Session]:
    # Closing the session rolls back whatever a failed request left uncommitted.
    with request.app.state.sessionmaker() as session:
        yield session


def get_settings(request: Request) -> ShopSettings:
    settings: ShopSettings = request.app.state.settings
    return settings


# scope="function": the session is closed before the response is sent, so a client that has
# its answer knows the request's transaction is over.
DB = Annotated[Session, Depends(get_db, scope="function")]
Settings = Annotated[ShopSettings, Depends(get_settings)]

_bearer = HTTPBearer(auto_error=False)


def current_user(
    db: DB,
    settings: Settings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("not_authenticated", "Log in and send the token as 'Bearer <token>'.")
    user = db.get(User, user_id_from_token(credentials.credentials, settings))
    if user is None:
        raise Unauthorized("invalid_token", "The access token is not valid.")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def get_cache(request: Request) -> CatalogCache:
    cache: CatalogCache = request.app.state.cache
    return cache


Cache = Annotated[CatalogCache, Depends(get_cache)]


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


FileStorage = Annotated[Storage, Depends(get_storage)]


def optional_user(
    db: DB,
    settings: Settings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User | None:
    """The signed-in user, or None for a visitor; a token sent must still be valid."""
    return None if credentials is None else current_user(db, settings, credentials)


MaybeUser = Annotated[User | None, Depends(optional_user)]
# For the routes that take a MaybeUser: their document says the token is optional (an empty
# requirement beside FastAPI's own), so a visitor's answer is no sign of ignored security.
OPTIONAL_SIGN_IN: dict[str, Any] = {"security": [{}]}
