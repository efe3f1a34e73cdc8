"""Shoppers acting at the same moment: each actor's task in its own thread, all released
together by a barrier, so their requests meet in the service as real users' would.

Only meaningful under a committing isolation (``@isolation:delete``): under ``rollback``
the harness serves one request at a time on the scenario's connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

from journeys.personas import Actor

T = TypeVar("T")


def at_once(actors: Sequence[Actor], task: Callable[[Actor], T], timeout: float = 60) -> list[T]:
    """Run ``task(actor)`` for every actor at the same moment; the results in actor order.

    A task that raises makes this raise its error once every task has finished.
    """
    if not actors:
        return []
    actors[0].before_call()  # the harness lets go of the database once, before the crowd
    barrier = threading.Barrier(len(actors))
    results: list[T | None] = [None] * len(actors)
    errors: list[BaseException] = []

    def run(index: int, actor: Actor) -> None:
        try:
            barrier.wait(timeout)
            results[index] = task(actor)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(i, a), name=f"journeys-{a.name}")
        for i, a in enumerate(actors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if errors:
        raise errors[0]
    return cast("list[T]", results)  # every task returned: no None is left unfilled
