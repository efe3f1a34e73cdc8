"""Product images, kept in the shop's storage (shop/storage.py) with a row each.

Both halves or neither: an upload stores the file, then commits its row, and removes the
file again if the row cannot be saved; deleting a product removes its files, keeping their
bytes until the rows are gone, and puts them back if the database or the cache refuses. A
store that fails answers 503 and leaves everything as it was.
"""

from __future__ import annotations

import logging
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel
from sqlalchemy import delete, exists, select

from shop import audit
from shop.catalog_admin import commit_change, product_or_404, staff_only
from shop.deps import DB, OPTIONAL_SIGN_IN, Cache, CurrentUser, FileStorage, MaybeUser
from shop.errors import Conflict, Invalid, NotFound, ServiceUnavailable, refusals
from shop.inputs import PathId
from shop.models import CartItem, OrderLine, Product, ProductImage, ProductViewer, User
from shop.storage import Storage, StorageUnavailable

router = APIRouter(tags=["product images"])
log = logging.getLogger(__name__)

MAX_IMAGES = 8  # per product
# What an image's first bytes must be, by the type it is sent as (a name is not proof).
SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n", "png"),
    "image/jpeg": (b"\xff\xd8\xff", "jpg"),
    "image/webp": (b"RIFF", "webp"),
}


class ImageOut(BaseModel):
    id: int
    product_id: int
    content_type: str
    size: int
    url: str


def _out(image: ProductImage) -> ImageOut:
    return ImageOut(
        id=image.id, product_id=image.product_id, content_type=image.content_type,
        size=image.size, url=f"/products/{image.product_id}/images/{image.id}",
    )  # fmt: skip


def _with_images(product: Product) -> dict[str, Any]:
    """What the audit keeps of a product whose images change: its state and image keys."""
    return {**audit.product_state(product), "images": [image.key for image in product.images]}


def _shown_to(user: User | None, product: Product) -> bool:
    """A product's images are shown to everyone once it is on sale; a draft's to staff only."""
    return product.published or (user is not None and user.role == "staff")


def _unavailable(exc: StorageUnavailable) -> ServiceUnavailable:
    log.warning("storage unavailable: %s", exc)
    return ServiceUnavailable(
        "storage_unavailable",
        "The shop's storage could not keep or remove the image: nothing was changed. Try again.",
    )


async def _upload(request: Request) -> tuple[str, bytes]:
    """The body as sent (read here, so the route itself runs off the event loop)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind, await request.body()


def _image_bytes(kind: str, data: bytes) -> str:
    """The file extension for this body, or a 422 saying what is wrong with it."""
    if kind not in SIGNATURES:
        raise Invalid(
            "unsupported_image_type",
            f"Send the image as one of {', '.join(SIGNATURES)}, not {kind or 'no type'}.",
            field="body",
        )
    if not data:
        raise Invalid("empty_image", "The image is empty.", field="body")
    signature, extension = SIGNATURES[kind]
    if not data.startswith(signature) or (kind == "image/webp" and data[8:12] != b"WEBP"):
        raise Invalid("not_an_image", f"The body is not a {kind} image.", field="body")
    return extension


@router.post(
    "/admin/products/{product_id}/images",
    status_code=201,
    response_model=ImageOut,
    responses=refusals(401, 403, 404, 409, 422),
    openapi_extra={"requestBody": {"required": True, "content": {
        kind: {"schema": {"type": "string", "format": "binary"}} for kind in SIGNATURES
    }}},
)  # fmt: skip
def add_image(
    product_id: PathId,
    upload: Annotated[tuple[str, bytes], Depends(_upload)],
    db: DB,
    user: CurrentUser,
    storage: FileStorage,
) -> ImageOut:
    staff_only(user)
    content_type, data = upload
    extension = _image_bytes(content_type, data)
    product = product_or_404(db, product_id)
    if len(product.images) >= MAX_IMAGES:
        raise Conflict("too_many_images", f"A product has at most {MAX_IMAGES} images.")
    key = f"products/{product.id}/{secrets.token_hex(8)}.{extension}"
    try:
        storage.put(key, data)
    except StorageUnavailable as exc:
        raise _unavailable(exc) from None
    try:
        before = _with_images(product)
        image = ProductImage(product=product, key=key, content_type=content_type, size=len(data))
        db.add(image)
        audit.record(db, user, "image_added", product, before, _with_images(product))
        db.commit()
    except BaseException:
        _remove(storage, key)  # the row was not saved: neither is the file
        raise
    return _out(image)


@router.get(
    "/products/{product_id}/images",
    response_model=list[ImageOut],
    responses=refusals(401, 404, 422),
    openapi_extra=OPTIONAL_SIGN_IN,
)
def list_images(product_id: PathId, db: DB, user: MaybeUser) -> list[ImageOut]:
    product = product_or_404(db, product_id)
    if not _shown_to(user, product):
        raise NotFound("product_not_found", f"No product with id {product_id}.")
    return [_out(image) for image in product.images]


@router.get(
    "/products/{product_id}/images/{image_id}",
    response_class=Response,
    responses={**refusals(401, 404, 422), 200: {"content": {k: {} for k in SIGNATURES}}},
    openapi_extra=OPTIONAL_SIGN_IN,
)
def get_image(
    product_id: PathId, image_id: PathId, db: DB, user: MaybeUser, storage: FileStorage
) -> Response:
    image = db.get(ProductImage, image_id)
    if image is None or image.product_id != product_id or not _shown_to(user, image.product):
        raise NotFound("image_not_found", f"No image {image_id} of product {product_id}.")
    try:
        data = storage.get(image.key)
    except StorageUnavailable as exc:
        raise _unavailable(exc) from None
    return Response(data, media_type=image.content_type)


@router.delete(
    "/admin/products/{product_id}", status_code=204, responses=refusals(401, 403, 404, 409, 422)
)
def delete_product(
    product_id: PathId, db: DB, user: CurrentUser, storage: FileStorage, cache: Cache
) -> Response:
    """A product nobody ordered (orders keep theirs: take it off sale instead), with its
    images, stock ledger, views and the cart lines that hold it."""
    staff_only(user)
    product = product_or_404(db, product_id)
    if db.scalar(select(exists().where(OrderLine.product_id == product.id))):
        raise Conflict(
            "product_ordered",
            f"{product.name} is in orders, which keep their products: take it off sale instead.",
        )
    keys = [image.key for image in product.images]
    audit.record(db, user, "product_deleted", product, audit.product_state(product), None)
    for model in (CartItem, ProductViewer):
        db.execute(delete(model).where(model.product_id == product.id))
    db.delete(product)
    db.flush()  # the database's refusal comes before any file is touched
    kept = _take_out(storage, keys)
    try:
        commit_change(db, cache, [product_id])
    except BaseException:
        _put_back(storage, kept)
        raise
    return Response(status_code=204)


def _take_out(storage: Storage, keys: list[str]) -> dict[str, bytes]:
    """Removes these files, keeping their bytes; all of them, or none (a 503)."""
    kept: dict[str, bytes] = {}
    try:
        for key in keys:
            kept[key] = storage.get(key)
            storage.delete(key)
    except StorageUnavailable as exc:
        _put_back(storage, kept)
        raise _unavailable(exc) from None
    return kept


def _put_back(storage: Storage, kept: dict[str, bytes]) -> None:
    for key, data in kept.items():
        try:
            storage.put(key, data)
        except StorageUnavailable:  # logged: the images invariant names what is missing
            log.error("could not put back %s after a failed delete", key)


def _remove(storage: Storage, key: str) -> None:
    try:
        storage.delete(key)
    except StorageUnavailable:  # logged: the images invariant names the file left
        log.error("could not remove %s after its row failed", key)
