"""Product photos, over HTTP and as stored: what staff send, what shoppers are shown, and
what the database and the storage folder hold of them."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from journeys.checks import agree, refused
from journeys.database import ScenarioDatabase
from journeys.personas import Actor
from support import notes, photos, questions
from support.tasks import product_ref, signed_in

images = questions.images


def add_photo(
    actor: Actor, product_id: int, upload: str = "a photo", expect: int | None = None
) -> requests.Response:
    """Sends a photo as this actor; the actor keeps what it sent, by image id if taken."""
    data, content_type = photos.UPLOADS[upload]()
    answer = signed_in(actor).call(
        "POST", f"/admin/products/{product_id}/images", data=data,
        headers={"Content-Type": content_type}, expect=expect,
    )  # fmt: skip
    if answer.status_code == 201:
        sent = actor.recall(notes.PHOTOS_SENT) if actor.knows(notes.PHOTOS_SENT) else {}
        actor.remember(notes.PHOTOS_SENT, {**sent, answer.json()["id"]: data})
    return answer


def delete_product(actor: Actor, product_id: int, expect: int | None = None) -> requests.Response:
    return signed_in(actor).call("DELETE", f"/admin/products/{product_id}", expect=expect)


def shown_photos(actor: Actor, product_id: int) -> dict[int, bytes]:
    """The product's photos as a shopper is shown them: each image's bytes, by id."""
    listed = actor.call("GET", f"/products/{product_id}/images", expect=200).json()
    return {image["id"]: actor.call("GET", image["url"], expect=200).content for image in listed}


def stored_photos(db: ScenarioDatabase, storage: dict[str, int], product_id: int) -> dict[str, Any]:
    """The product's image records, and the files of the storage under its folder."""
    rows = db.rows(select(images.c.key, images.c.size).where(images.c.product_id == product_id))
    files = {k: v for k, v in storage.items() if k.startswith(f"products/{product_id}/")}
    return {"records": {r["key"]: r["size"] for r in rows}, "files": files}


def photos_kept(db: ScenarioDatabase, storage: dict[str, int], product_id: int, count: int) -> None:
    """The database and the storage both hold this many photos of the product, the same ones."""
    held = stored_photos(db, storage, product_id)
    agree("photos of the product", count, database=len(held["records"]), storage=len(held["files"]))
    agree("the stored photos", held["records"], storage=held["files"])


def photos_shown(shopper: Actor, sender: Actor, run: Any, product: str, count: int) -> None:
    """The shopper is shown ``count`` photos, byte for byte as the sender sent them, and the
    database and the storage hold exactly those."""
    product_id = product_ref(sender, product)
    shown = shown_photos(shopper, product_id)
    sent = sender.recall(notes.PHOTOS_SENT)
    agree(f"photos of the {product} shown", count, api=len(shown))
    agree(f"the {product}'s photos, byte for byte", {i: sent[i] for i in shown}, api=shown)
    photos_kept(run.db, run.storage.files(), product_id, count)


def photos_hidden(shopper: Actor, sender: Actor, product: str) -> None:
    """The shopper is refused the product's list of photos and every photo the sender added,
    as if there were none (404)."""
    product_id = product_ref(sender, product)
    refused(shopper.call("GET", f"/products/{product_id}/images"), 404)
    for image_id in sender.recall(notes.PHOTOS_SENT):
        refused(shopper.call("GET", f"/products/{product_id}/images/{image_id}"), 404)


def refused_when_full(actor: Actor, run: Any, product: str) -> None:
    product_id = product_ref(actor, product)
    before = len(stored_photos(run.db, run.storage.files(), product_id)["records"])
    refused(add_photo(actor, product_id), 409, "too_many_images")
    photos_kept(run.db, run.storage.files(), product_id, before)


# How a step says an upload was refused -> (status, error code).
REFUSALS = {
    "refused as too large": (413, "body_too_large"),
    "refused as empty": (422, "empty_image"),
    "refused as not an image": (422, "not_an_image"),
    "refused as a kind the shop does not take": (422, "unsupported_image_type"),
    "refused to a shopper": (403, "forbidden"),
}


def outcome_is(actor: Actor, run: Any, outcome: str) -> None:
    """The last upload was kept (201, one photo stored whole) or refused as the step says
    (and nothing stored)."""
    answer = actor.last_answer()
    product_id = int(answer.request.path_url.split("/")[3])
    if outcome == "kept":
        agree("the upload (HTTP status)", 201, api=answer.status_code)
        photos_shown(actor, actor, run, questions.product_row(run.db, product_id)["name"], 1)
    elif outcome in REFUSALS:
        refused(answer, *REFUSALS[outcome])
        photos_kept(run.db, run.storage.files(), product_id, 0)
    else:
        raise ValueError(f"an upload is kept or {' / '.join(REFUSALS)}, not {outcome!r}")


def deleted_with_photos(run: Any, product: str) -> None:
    """No record of the product; no photo record and no stored file left at all (the
    scenario's only photos were the product's)."""
    agree(f"the {product} in the database", False,
          database=questions.product_exists(run.db, product))  # fmt: skip
    records = run.db.rows(select(images.c.key))
    agree("photos left", [], database=records, storage=list(run.storage.files()))
