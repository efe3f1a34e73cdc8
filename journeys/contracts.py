"""Every answer checked against the service's OpenAPI document, and what the suite covered.

The Target names the document (``Target.openapi``): a file or a path the service serves it
on, JSON or YAML, OpenAPI 3.0 or 3.1. The path of its first ``servers`` entry (``/api``) is
where its operations live; its host is ignored (the run reaches the service where it is).
Each recorded response is validated with openapi-core against the operation its request
matched; a violation fails the step that made the call, naming the operation, the field and
the reason, unless the run only reports (``contract_mode=report``) or the target's list of
accepted mismatches (``Target.openapi_accepted``, each with its reason) names it. A response
with no body is judged by its status only. Requests are not judged: a scenario may send a bad
one on purpose. At the end of a run the coverage says which documented operations and
answers the suite exercised; a run whose requests matched none of them is an error (the
document's paths, or its servers path, are not the service's).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from journeys.contract_documents import Accepted, base_path, parse_document, read_accepted
from journeys.exceptions import CheckFailed, HarnessError, MissingExtra

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
# What openapi-core says of a body that is not there: a bodyless answer is judged by status.
BODY_ERRORS = {"MissingData", "MediaTypeNotFound", "ContentNotFound"}


class ContractViolation(CheckFailed):
    """An answer the service's OpenAPI document does not allow."""


@dataclass
class Coverage:
    operations: list[str]
    responses: list[tuple[str, str]]  # (operation, documented status), in document order
    seen: Counter[tuple[str, str]] = field(default_factory=Counter)
    undocumented: Counter[tuple[str, str]] = field(default_factory=Counter)

    def exercised_operations(self) -> set[str]:
        return {op for op, _status in self.seen}

    def __post_init__(self) -> None:
        self.documented = set(self.responses)  # asked for every answer: built once

    def exercised_responses(self) -> set[tuple[str, str]]:
        return set(self.seen) & self.documented

    def percent(self) -> float:
        return (
            100 * len(self.exercised_responses()) / len(self.responses) if self.responses else 100
        )

    def line(self) -> str:
        extra = ", ".join(f"{op} -> {status}" for op, status in sorted(self.undocumented))
        return (
            f"contract coverage: {len(self.exercised_operations())} of {len(self.operations)} "
            f"operations, {len(self.exercised_responses())} of {len(self.responses)} "
            f"documented answers ({self.percent():.0f}%); undocumented answers seen: "
            f"{extra or 'none'}"
        )

    def table(self) -> str:
        rows = ["| operation | documented answers | exercised |", "|---|---|---|"]
        for op in self.operations:
            documented = [s for o, s in self.responses if o == op]
            done = [s for s in documented if (op, s) in self.seen]
            rows.append(f"| {op} | {', '.join(documented)} | {', '.join(done) or '-'} |")
        return "\n".join(rows)


class Contract:
    """The document's operations at once; openapi-core (0.3 s to import and validate the
    document) when the first answer is checked, and the document validated only once for
    each version of it (``.journeys/cache/``)."""

    def __init__(
        self,
        document: dict[str, Any],
        cache: Path | None = None,
        mode: str = "enforce",
        accepted: list[Accepted] | None = None,
    ) -> None:
        if importlib.util.find_spec("openapi_core") is None:
            raise MissingExtra(
                "Checking answers against an OpenAPI document", "openapi-core", "contracts"
            )
        self.base = base_path(document)
        # Its servers as the run reaches them: the path kept, the host the service's own.
        document = {**document, "servers": [{"url": self.base or "/"}]}
        self.document = document
        self.mode = mode
        self.accepted = accepted or []
        # Breaches that failed no step: (the breach, why: report only, or accepted's reason).
        self.tolerated: Counter[tuple[str, str]] = Counter()
        self.requests = 0  # answers checked, matched to an operation or not
        self._spec: Any = None
        digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
        self._known_valid = cache / f"openapi-{digest[:32]}.valid" if cache else None
        if self._known_valid is None or not self._known_valid.exists():
            self._build(validate=True)  # a wrong document is said at start, not in a step
        self._routes: list[tuple[str, re.Pattern[str], str]] = []
        operations, responses = [], []
        for path, item in document.get("paths", {}).items():
            template = re.escape(self.base + path)
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", template) + "$")
            for method in METHODS:
                if method in item:
                    name = f"{method.upper()} {path}"
                    operations.append(name)
                    self._routes.append((method.upper(), pattern, name))
                    responses += [(name, str(s)) for s in item[method].get("responses", {})]
        self.coverage = Coverage(operations, responses)

    def _build(self, validate: bool) -> Any:
        from openapi_core import Config, OpenAPI  # an optional part: imported when used
        from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

        config = Config() if validate else Config(spec_validator_cls=None)
        try:
            self._spec = OpenAPI.from_dict(self.document, config=config)
        except OpenAPIValidationError as exc:
            raise HarnessError(
                f"the target's OpenAPI document is not valid OpenAPI: {exc.message}. "
                "Correct the document (or Target.openapi)."
            ) from None
        if validate and self._known_valid is not None:
            with contextlib.suppress(OSError):  # a read-only checkout validates every run
                self._known_valid.parent.mkdir(parents=True, exist_ok=True)
                self._known_valid.touch()
        return self._spec

    @property
    def spec(self) -> Any:
        return self._spec if self._spec is not None else self._build(validate=False)

    @classmethod
    def load(
        cls,
        where: str,
        base_url: str,
        cache: Path | None = None,
        mode: str = "enforce",
        accepted: str | None = None,
    ) -> Contract:
        """From a file, a URL, or a path the service serves (``/openapi.json``)."""
        try:
            if Path(where).is_file():
                text = Path(where).read_text()
            else:
                url = where if where.startswith(("http://", "https://")) else base_url + where
                answer = requests.get(url, timeout=10)
                answer.raise_for_status()
                text = answer.text
            document = parse_document(text, where)
        except (OSError, requests.RequestException) as exc:
            raise HarnessError(
                f"cannot read the target's OpenAPI document {where!r}: {exc}. Correct "
                "Target.openapi (a file, or the path the service serves it on)."
            ) from None
        return cls(document, cache, mode, read_accepted(accepted) if accepted else [])

    def operation(self, method: str, path: str) -> str | None:
        for verb, pattern, name in self._routes:
            if verb == method and pattern.match(path):
                return name
        return None

    def check(self, response: requests.Response) -> tuple[list[str], list[str]]:
        """What is wrong with this answer by the document: the breaches that fail the step,
        and every breach, each tolerated one saying why. Counted for coverage."""
        breaches = self._breaches(response)
        failing, told = [], []
        for breach in breaches:
            why = self._tolerated_because(breach)
            if why is None:
                failing.append(breach)
                told.append(breach)
            else:
                self.tolerated[(breach, why)] += 1
                told.append(f"{breach} (tolerated: {why})")
        return failing, told

    def _tolerated_because(self, breach: str) -> str | None:
        for entry in self.accepted:
            if entry.covers(breach):
                entry.seen += 1
                return f"accepted: {entry.reason}"
        return "report only" if self.mode == "report" else None

    def _breaches(self, response: requests.Response) -> list[str]:
        from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

        request = response.request
        path = (request.path_url or "/").split("?", 1)[0]
        name = self.operation(request.method or "", path)
        status = str(response.status_code)
        self.requests += 1
        if name is None:
            return []  # not an operation of the document (a page, the document itself)
        known = self.coverage.documented
        documented = (name, status) in known or (name, "default") in known
        (self.coverage.seen if documented else self.coverage.undocumented)[(name, status)] += 1
        # Only the answer is judged, so the request goes without its body (which may be a
        # stream already sent).
        bare = request.copy()
        bare.body = None
        errors = self.spec.iter_response_errors(
            RequestsOpenAPIRequest(bare), RequestsOpenAPIResponse(response)
        )
        if not response.content:  # a bodyless answer (a 401, a 204): its status is judged
            errors = (e for e in errors if type(e).__name__ not in BODY_ERRORS)
        return [f"{name} -> {status}: {describe(error)}" for error in errors]

    def closing_lines(self, whole: bool = True) -> list[str]:
        """What the run tolerated, and (for a ``whole`` run, not a share of one) what the
        accepted list names that never happened; raises when the suite's requests matched
        none of the document's operations."""
        if self.requests and not self.coverage.exercised_operations():
            where = f" under its servers path {self.base!r}" if self.base else ""
            raise HarnessError(
                f"contract coverage: 0 of {len(self.coverage.operations)} operations: none of "
                f"the {self.requests} answers checked was to an operation of the document"
                f"{where}, so nothing was checked. Are the document's paths (and its servers "
                "path) the service's? Correct the document or Target.openapi."
            )
        lines = [
            f"contract breach tolerated {n}x ({why}): {breach}"
            for (breach, why), n in sorted(self.tolerated.items())
        ]
        lines += [
            f"accepted mismatch never seen (remove it if it is fixed): {entry.describe()}"
            for entry in self.accepted
            if whole and not entry.seen
        ]
        return lines


def describe(error: Exception) -> str:
    """The field path and the reason, from openapi-core's nested errors."""
    causes = [error, error.__cause__] if error.__cause__ else [error]
    for cause in causes:
        schema_errors = getattr(cause, "schema_errors", None)
        if schema_errors:
            return "; ".join(
                f"{_path(list(e.absolute_path)) or '(the body)'}: {e.message}"
                for e in schema_errors
            )
    if type(error).__name__ == "ResponseNotFound":
        return "this status is not documented for the operation"
    return str(error).splitlines()[0][:300]


def _path(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
