"""Write the shop's OpenAPI document to contracts/shop-openapi.json: the committed contract.

    python scripts/snapshot_openapi.py

The suite checks every answer against that file, and tests/test_contract_drift.py fails,
with a readable diff, when the shop's own document no longer matches it. Run this when the
change is meant, and commit the file with the change: clients see it in the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from shop.app import create_app  # noqa: E402
from shop.settings import ShopSettings  # noqa: E402

CONTRACT = REPO / "contracts" / "shop-openapi.json"


def document() -> str:
    spec = create_app(ShopSettings(database_url="sqlite://")).openapi()
    return json.dumps(spec, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    CONTRACT.parent.mkdir(exist_ok=True)
    CONTRACT.write_text(document())
    print(f"wrote {CONTRACT.relative_to(REPO)}")
