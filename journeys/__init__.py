"""journeys: BDD user journeys for integration testing a real service, end to end.

The library knows the service under test only through a ``Target``. A suite's
``environment.py`` is one line, ``from journeys.hooks import *``; steps use the names below.
"""

from journeys.answers import ErrorBody, read_error
from journeys.checks import agree, documents_agree, published, refused, unchanged
from journeys.data import Baseline, ModelFactory
from journeys.database import ScenarioDatabase
from journeys.eventually import eventually
from journeys.exceptions import (
    HarnessError,
    InvariantViolation,
    IsolationBypassed,
    JourneysError,
    NotYet,
    SettingsError,
    UnexpectedResponse,
)
from journeys.harness import Harness
from journeys.http import Exchange, Recorder
from journeys.invariants import Invariant
from journeys.messages import Seen
from journeys.personas import Actor, Cast
from journeys.scenario import ScenarioRun
from journeys.settings import Settings
from journeys.system import System
from journeys.target import Events, Pump, SystemBroker, Target, Wiring

__version__ = "0.2.0"

__all__ = [
    "Actor",
    "Baseline",
    "Cast",
    "ErrorBody",
    "Events",
    "Exchange",
    "Harness",
    "HarnessError",
    "Invariant",
    "InvariantViolation",
    "IsolationBypassed",
    "JourneysError",
    "ModelFactory",
    "NotYet",
    "Pump",
    "Recorder",
    "ScenarioDatabase",
    "ScenarioRun",
    "Seen",
    "Settings",
    "SettingsError",
    "System",
    "SystemBroker",
    "Target",
    "UnexpectedResponse",
    "Wiring",
    "agree",
    "documents_agree",
    "eventually",
    "published",
    "read_error",
    "refused",
    "unchanged",
]
