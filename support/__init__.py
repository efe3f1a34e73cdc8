"""journeys' harness: generic, it knows the service under test only through a ``Target``."""

from support.harness import Harness, HarnessError, ScenarioRun
from support.http import Exchange, Recorder, UnexpectedResponse
from support.personas import Actor, Cast
from support.settings import Settings, SettingsError
from support.target import Target

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
