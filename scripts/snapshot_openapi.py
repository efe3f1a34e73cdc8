"""Write the shop's OpenAPI document to contracts/shop-openapi.json: the committed contract.

    python scripts/snapshot_openapi.py          # write it
    python scripts/snapshot_openapi.py --check  # exit 1 if the shop's document differs

The suite checks every answer against that file, and tests/test_contracts.py fails, with a
readable diff, when the shop's own document no longer matches it. Run this when the change
is meant, and commit the file with the change: clients see it in the diff. ``--check`` is
the quick form of that drift test (the mutation command runs it for each survivor).
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
    if sys.argv[1:] == ["--check"]:
        if CONTRACT.read_text() == document():
            sys.exit(0)
        print(f"the shop's OpenAPI document differs from {CONTRACT.relative_to(REPO)}")
        sys.exit(1)
    CONTRACT.parent.mkdir(exist_ok=True)
    CONTRACT.write_text(document())
    print(f"wrote {CONTRACT.relative_to(REPO)}")
