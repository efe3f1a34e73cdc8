"""``python -m journeys affected``: only the scenarios a change can touch.

A full run under coverage (``--refresh``) records which scenarios run each function of the
service and of the suite (``coverage_map.py``); a change since a git ref (``changes.py``)
then selects the scenarios of every function it touches, of every feature file it edits,
and everything when the map cannot place it (``selection.py``)."""

from journeys.affected.selection import Selection, select

__all__ = ["Selection", "select"]
