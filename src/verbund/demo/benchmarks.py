"""The demo's comparison rings (filled in by the benchmarks work of issue #15)."""

from __future__ import annotations

from verbund.networks.models import Network


def load_benchmarks(networks: dict[str, Network]) -> None:
    """Comparison rings of the demo networks (idempotent)."""
