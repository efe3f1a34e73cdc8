"""The accounts API: register, sign in, read a user, change one's bio."""

# No "from __future__ import annotations": FastAPI reads the routes' annotations, and the
# session dependency is made inside create_app.

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from starlette.concurrency import run_in_threadpool

from accounts.events import Publisher
from accounts.models import User
from accounts.security import hash_password, password_matches, token_for, user_of

TEXT = r"^[^\x00]*$"  # no NUL: no database stores it


class Registration(BaseModel):
    name: str = Field(min_length=1, max_length=40, pattern=TEXT)
    password: str = Field(min_length=8, max_length=128, pattern=TEXT)
    bio: str = Field(default="", max_length=200, pattern=TEXT)


class SignIn(BaseModel):
    name: str = Field(max_length=40)
    password: str = Field(max_length=128)


class BioChange(BaseModel):
    bio: str = Field(max_length=200, pattern=TEXT)


def public(user: User) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "bio": user.bio}


def create_app(database_url: str, broker_url: str, prefix: str, secret: str) -> FastAPI:
    engine = create_async_engine(database_url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    publisher = Publisher(broker_url, prefix)
    app = FastAPI(title="accounts", version="1.0.0")
    app.state.engine = engine

    async def session() -> Any:
        async with sessions() as opened:
            yield opened

    Session = Annotated[AsyncSession, Depends(session, scope="function")]

    async def signed_in(db: Session, authorization: str = Header(default="")) -> User:
        user_id = user_of(authorization.removeprefix("Bearer "), secret)
        user = await db.get(User, user_id) if user_id is not None else None
        if user is None:
            raise HTTPException(401, "Sign in first: no valid bearer token was given.")
        return user

    @app.post("/users", status_code=201)
    async def register(body: Registration, db: Session) -> dict[str, Any]:
        user = User(name=body.name, password_hash=hash_password(body.password), bio=body.bio)
        db.add(user)
        try:
            await db.commit()
        except IntegrityError:
            raise HTTPException(409, f"The name {body.name!r} is taken.") from None
        await run_in_threadpool(publisher.publish, "user.registered", public(user))
        return public(user)

    @app.post("/tokens", status_code=201)
    async def sign_in(body: SignIn, db: Session) -> dict[str, Any]:
        user = (await db.execute(select(User).where(User.name == body.name))).scalar()
        if user is None or not password_matches(body.password, user.password_hash):
            raise HTTPException(401, "Wrong name or password.")
        return {"token": token_for(user.id, secret), "user_id": user.id}

    @app.get("/users/{user_id}")
    async def read(user_id: int, db: Session) -> dict[str, Any]:
        user = await db.get(User, user_id)
        if user is None:
            raise HTTPException(404, f"No user {user_id}.")
        return public(user)

    @app.patch("/users/me")
    async def change_bio(
        body: BioChange, db: Session, me: Annotated[User, Depends(signed_in)]
    ) -> dict[str, Any]:
        me.bio = body.bio
        await db.commit()
        await run_in_threadpool(publisher.publish, "user.bio_changed", public(me))
        return public(me)

    return app
