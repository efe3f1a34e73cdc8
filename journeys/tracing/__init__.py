"""What happened inside the system during a step: spans, and selectors that find them.

A span is one operation of one service (an HTTP request served, a query, a message
consumed), recorded by the service's OpenTelemetry instrumentation. Selectors pick spans
out of a step's trace in a small language (``span[service.name="payments" name contains
"charge"]``), so that a check reads as the rule it guards.
"""

from journeys.tracing.selectors import Selector, select
from journeys.tracing.spans import Span

__all__ = ["Selector", "Span", "select"]
