"""The demo's fee calculation (filled in by the fees work of issue #15)."""

from __future__ import annotations

from verbund.networks.models import Network


def load_fees(network: Network) -> None:
    """Fee sheets of the DLZ members (idempotent)."""
