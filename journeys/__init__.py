"""journeys' harness: generic, it knows the service under test only through a ``Target``."""

from journeys.harness import Harness, HarnessError, ScenarioRun
from journeys.http import Exchange, Recorder, UnexpectedResponse
from journeys.personas import Actor, Cast
from journeys.settings import Settings, SettingsError
from journeys.target import Target

__all__ = [
    "Actor",
    "Cast",
    "Exchange",
    "Harness",
    "HarnessError",
    "Recorder",
    "ScenarioRun",
    "Settings",
    "SettingsError",
    "Target",
    "UnexpectedResponse",
]
