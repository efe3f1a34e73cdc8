"""The shop: a small e-commerce service, the reference system that journeys tests.

It stands alone (``python -m shop``) and imports nothing from the test side.
"""

__version__ = "0.1.0"
