"""What a shopper does, over HTTP: the only module that knows the shop's endpoints.

Each task takes an actor, calls the shop as that actor, and leaves notes for later steps.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import HTTPAdapter

from factories.accounts import email_local_part
from journeys.concurrency import at_once
from journeys.data import faker
from journeys.personas import Actor
from journeys.tables import singulars
from support import notes


def _json(response: requests.Response) -> Any:
    return response.json()


# -- accounts ----------------------------------------------------------------------------


def new_identity(actor: Actor) -> dict[str, str]:
    """A realistic identity for a persona: their name, a fresh email, a strong password."""
    fake = faker()
    full_name = f"{actor.name} {fake.last_name()}"
    return {
        "full_name": full_name,
        "email": f"{email_local_part(full_name)}.{fake.pyint(100, 999)}@example.com",
        "password": fake.password(length=14),
    }


def register(actor: Actor, **identity: str) -> requests.Response:
    details = {**new_identity(actor), **identity}
    response = actor.call("POST", "/accounts", json=details)
    if response.status_code == 201:
        actor.remember(notes.EMAIL, details["email"])
        actor.remember(notes.PASSWORD, details["password"])
        actor.remember(notes.FULL_NAME, details["full_name"])
    return response


def sign_in(
    actor: Actor, email: str | None = None, password: str | None = None
) -> requests.Response:
    credentials = {
        "email": email if email is not None else actor.recall(notes.EMAIL),
        "password": password if password is not None else actor.recall(notes.PASSWORD),
    }
    response = actor.call("POST", "/auth/login", json=credentials)
    if response.status_code == 200:
        actor.http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    else:
        actor.http.headers.pop("Authorization", None)
    return response


class _FromAddress(HTTPAdapter):
    """Connections that leave from one local address: to the service, another client."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def move_to_another_place(actor: Actor, address: str = "127.0.0.2") -> None:
    """From now on the actor's requests come from another loopback address (Linux routes all
    of 127.0.0.0/8 to the loopback): the service sees another client."""
    actor.http.mount("http://", _FromAddress(address))


def signed_in(actor: Actor) -> Actor:
    # A token held on purpose (hold_token) is for one attempt; real work signs in afresh.
    if "Authorization" not in actor.http.headers or actor.forget(notes.TOKEN_HELD):
        sign_in(actor)
        if "Authorization" not in actor.http.headers:
            raise AssertionError(f"{actor.name} could not sign in: {actor.last_answer().text}")
    return actor


def profile(actor: Actor) -> requests.Response:
    return actor.call("GET", "/me")


# -- catalog -----------------------------------------------------------------------------


def category_slug(actor: Actor, name: str) -> str:
    categories = _json(actor.call("GET", "/categories", expect=200))
    for category in categories:
        if category["name"].lower() == name.lower():
            return str(category["slug"])
    known = ", ".join(c["name"] for c in categories) or "none"
    raise LookupError(f"the shop has no category {name!r}; it has: {known}")


def look_at_categories(actor: Actor) -> list[str]:
    """The names of the shop's categories, as listed; the actor keeps them as seen."""
    categories = _json(actor.call("GET", "/categories", expect=200))
    actor.remember(notes.SEEN, [category["name"] for category in categories])
    return actor.recall(notes.SEEN)


def browse_category(actor: Actor, name: str, page: int = 1) -> list[str]:
    params = {"category": category_slug(actor, name), "page": page}
    actor.remember(notes.LOOKED_FOR, {"category": name})
    return _seen(actor, actor.call("GET", "/products", params=params, expect=200))


def look_at_product_and_category(actor: Actor, product_id: int, category: str) -> None:
    """Reads a product's page and its category's first page, whatever they answer."""
    actor.call("GET", f"/products/{product_id}")
    browse_category(actor, category)


def search(actor: Actor, term: str) -> list[str]:
    actor.remember(notes.LOOKED_FOR, {"term": term})
    return _seen(actor, actor.call("GET", "/products", params={"q": term}, expect=200))


def open_first_page(actor: Actor, category: str) -> list[list[notes.Shown]]:
    """The first page of a category; the actor keeps it and its links."""
    browse_category(actor, category)
    actor.remember(notes.PAGES, [actor.recall(notes.SHOWN)])
    actor.remember(notes.PAGE_LINKS, actor.last_answer().json()["links"])
    actor.remember(notes.LINKS_SEEN, [actor.recall(notes.PAGE_LINKS)])
    return actor.recall(notes.PAGES)


def follow_link(actor: Actor, which: str) -> list[notes.Shown]:
    """The page the last page links to as ``next`` or ``prev``; the actor keeps it."""
    link = actor.recall(notes.PAGE_LINKS)[which]
    assert link, f"the page {actor.name} is on has no {which} link"
    _seen(actor, actor.call("GET", link, expect=200))
    page = actor.recall(notes.SHOWN)
    actor.remember(notes.PAGES, [*actor.recall(notes.PAGES), page])
    actor.remember(notes.PAGE_LINKS, actor.last_answer().json()["links"])
    actor.remember(
        notes.LINKS_SEEN, [*actor.recall(notes.LINKS_SEEN), actor.recall(notes.PAGE_LINKS)]
    )
    return page


def follow_to_the_end(actor: Actor) -> list[list[notes.Shown]]:
    """The next pages, as the links lead, until a page has no next one."""
    while actor.recall(notes.PAGE_LINKS)["next"]:
        follow_link(actor, "next")
        if len(actor.recall(notes.PAGES)) > 100:
            raise AssertionError("the catalog never ends: over 100 pages")
    return actor.recall(notes.PAGES)


def page_between_page_ends(actor: Actor, first: int, second: int) -> list[notes.Shown]:
    """The page asked between two cursors: where the next links of two pages read start."""
    asked = _next_link_query(actor, first)
    asked["before"] = _next_link_query(actor, second)["after"]
    _seen(actor, actor.call("GET", "/products", params=asked, expect=200))
    return actor.recall(notes.SHOWN)


def page_from_link(actor: Actor, page: int) -> list[notes.Shown]:
    """A page counted from the first page's next link (``page`` added to the link)."""
    asked = {**_next_link_query(actor, 1), "page": str(page)}
    _seen(actor, actor.call("GET", "/products", params=asked, expect=200))
    return actor.recall(notes.SHOWN)


def _next_link_query(actor: Actor, page: int) -> dict[str, str]:
    link = actor.recall(notes.LINKS_SEEN)[page - 1]["next"]
    assert link, f"{actor.name}'s page {page} has no next link"
    return dict(parse_qsl(urlsplit(link).query))


def browse_all_pages(actor: Actor, category: str) -> list[list[notes.Shown]]:
    """Every page of a category: the first, then where the links lead."""
    open_first_page(actor, category)
    return follow_to_the_end(actor)


def _seen(actor: Actor, response: requests.Response) -> list[str]:
    items = response.json()["items"]
    actor.remember(notes.SEEN, [item["name"] for item in items])
    actor.remember(notes.SHOWN, [notes.Shown(item["name"], item["id"]) for item in items])
    return [item["name"] for item in items]


def catalog_page(actor: Actor, page: int = 1) -> requests.Response:
    return actor.call("GET", "/products", params={"page": page}, expect=200)


def find_product(actor: Actor, name: str) -> dict[str, Any]:
    """The product a shopper means by 'Blue Mug' or 'Blue Mugs', found by searching."""
    for candidate in singulars(name):
        items = _json(actor.call("GET", "/products", params={"q": candidate}, expect=200))
        for item in items["items"]:
            if item["name"].lower() == candidate.lower():
                return dict(item)
    raise LookupError(f"{actor.name} cannot find {name!r} in the catalog")


def product_ref(actor: Actor, product: str) -> int:
    """The id of the product staff mean: a draft of their own, or one in the catalog."""
    drafts = actor.recall(notes.DRAFTS) if actor.knows(notes.DRAFTS) else {}
    for name in singulars(product):
        if name in drafts:
            return drafts[name]
    return int(find_product(actor, product)["id"])


def look_up_product(actor: Actor, product_id: int) -> requests.Response:
    return actor.call("GET", f"/products/{product_id}")


def health(actor: Actor) -> dict[str, Any]:
    return dict(actor.call("GET", "/health", expect=200).json())


def look_at(actor: Actor, product: str, times: int) -> None:
    """Opens the product's page ``times`` times, as the actor is (signed in or not)."""
    product_id = find_product(actor, product)["id"]
    for _ in range(times):
        actor.call("GET", f"/products/{product_id}", expect=200)


# -- cart --------------------------------------------------------------------------------


def add_to_cart(
    actor: Actor, quantity: int, product: str, expect: int | None = None
) -> requests.Response:
    return put_in_cart_by_id(signed_in(actor), find_product(actor, product)["id"], quantity, expect)


def put_in_cart_by_id(
    actor: Actor, product_id: int, quantity: int, expect: int | None = None
) -> requests.Response:
    body = {"product_id": product_id, "quantity": quantity}
    return actor.call("POST", "/cart/items", json=body, expect=expect)


def fill_cart(actor: Actor, items: list[tuple[int, str]]) -> None:
    for quantity, product in items:
        add_to_cart(actor, quantity, product, expect=201)


def named_quantities(actor: Actor, items: list[tuple[int, str]]) -> dict[str, int]:
    """[(3, 'Blue Mugs')] -> {'Blue Mug': 3}, with the names the catalog uses."""
    return {find_product(actor, product)["name"]: quantity for quantity, product in items}


def change_quantity(actor: Actor, product: str, quantity: int) -> requests.Response:
    product_id = find_product(signed_in(actor), product)["id"]
    return actor.call("PATCH", f"/cart/items/{product_id}", json={"quantity": quantity})


def remove_from_cart(actor: Actor, product: str) -> requests.Response:
    product_id = find_product(signed_in(actor), product)["id"]
    return actor.call("DELETE", f"/cart/items/{product_id}")


def cart(actor: Actor) -> dict[str, Any]:
    return dict(_json(signed_in(actor).call("GET", "/cart", expect=200)))


# -- orders ------------------------------------------------------------------------------


def check_out(actor: Actor, expect: int | None = None, key: str | None = None) -> requests.Response:
    """Check out the cart; each checkout carries its own Idempotency-Key, as a real client's
    button does (``key``: the same checkout sent again)."""
    return check_out_keyed(actor, key or uuid.uuid4().hex, expect)


def check_out_keyed(actor: Actor, key: str | None, expect: int | None = None) -> requests.Response:
    """Check out with exactly this Idempotency-Key, or with none."""
    headers = {"Idempotency-Key": key} if key is not None else {}
    response = signed_in(actor).call("POST", "/orders", expect=expect, headers=headers)
    if response.status_code in (200, 201):  # 200: a repeated submit, answered the first order
        actor.remember(notes.ORDER, response.json())
    elif response.status_code in (402, 502, 503):  # an order was made, and failed at payment
        actor.remember(notes.ORDER, {"id": response.json()["error"]["details"]["order_id"]})
    return response


def check_out_at_once(actor: Actor, times: int, keyed: bool) -> list[requests.Response]:
    """One cart checked out ``times`` at the same moment: a retried request carrying one
    Idempotency-Key (``keyed``), or a browser's double submit carrying none."""
    key = uuid.uuid4().hex if keyed else None
    signed_in(actor)
    answers = at_once([actor] * times, lambda a: check_out_keyed(a, key))
    actor.remember(notes.CHECKOUT_ANSWERS, answers)
    return answers


def check_out_together(actors: list[Actor]) -> list[requests.Response]:
    """Every actor checks out at the same moment."""
    for actor in actors:
        signed_in(actor)
    return at_once(actors, check_out)


def place_order(actor: Actor, items: list[tuple[int, str]]) -> dict[str, Any]:
    fill_cart(actor, items)
    return dict(check_out(actor, expect=201).json())


def orders(actor: Actor) -> list[dict[str, Any]]:
    return list(_json(signed_in(actor).call("GET", "/orders", expect=200)))


def order(actor: Actor, order_id: int) -> requests.Response:
    return signed_in(actor).call("GET", f"/orders/{order_id}")


def move_order(actor: Actor, owner: Actor, action: str) -> requests.Response:
    """cancel, ship or deliver the owner's latest order, as this actor."""
    order_id = owner.recall(notes.ORDER)["id"]
    return signed_in(actor).call("POST", f"/orders/{order_id}/{action}")


def each_order(actors: list[Actor]) -> None:
    """Each actor checks out the cart, one after another; each keeps the paid order."""
    for actor in actors:
        check_out(actor, expect=201)


def cancel_together(actors: list[Actor]) -> list[requests.Response]:
    """Every actor cancels the latest order at the same moment."""
    for actor in actors:
        signed_in(actor)
    return at_once(actors, lambda actor: move_order(actor, actor, "cancel"))


def hold_token(actor: Actor, token: str | None) -> None:
    """From now on the actor sends this token (or none), whatever it is."""
    actor.http.headers.pop("Authorization", None)
    if token is not None:
        actor.http.headers["Authorization"] = f"Bearer {token}"
    actor.remember(notes.TOKEN_HELD, True)


def add_to_cart_as_is(actor: Actor, quantity: int, product: str) -> requests.Response:
    """Add to the cart as asked, however wrong: with the token the actor holds on purpose, or
    signed in as usual if it holds none on purpose."""
    if not actor.knows(notes.TOKEN_HELD):
        signed_in(actor)
    return put_in_cart_by_id(actor, find_product(actor, product)["id"], quantity)


def sales_report(actor: Actor, day: str | None = None) -> dict[str, Any]:
    """The sales report for a day (today by default), as staff read it."""
    params = {"day": day} if day else None
    return dict(signed_in(actor).call("GET", "/admin/sales", params=params, expect=200).json())
