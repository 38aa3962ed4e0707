from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from verbund.core.audit import ChainBreak, audit_verify


def chain_label(chain: str) -> str:
    """``authority:7`` → ``authority:7 (Kreis Düren)``: the tenant's name, where it
    still exists, for the operator reading the report."""
    kind, _, pk = chain.partition(":")
    model = {"authority": ("authorities", "Authority"), "network": ("networks", "Network")}
    if kind not in model or not pk.isdigit():
        return chain
    name = apps.get_model(*model[kind]).objects.filter(pk=int(pk)).values_list("name", flat=True)
    found = name.first()
    return f"{chain} ({found})" if found else chain


def describe(broken: ChainBreak) -> str:
    where = f"chain {chain_label(broken.chain)}, entry #{broken.sequence}"
    if broken.entry_id is not None:
        where += f" (id {broken.entry_id})"
    return f"{where}: {broken.reason}"


class Command(BaseCommand):
    help = (
        "Verify the hash chains of the audit trail (one per authority, per network and "
        "the platform's); exits non-zero and names each broken chain's first broken link."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if not result.ok:
            lines = [describe(b) for b in result.breaks]
            raise CommandError(
                f"Audit trail broken in {len(lines)} of {result.chains} chains; "
                f"first broken links:\n" + "\n".join(f"  {line}" for line in lines)
            )
        self.stdout.write(
            f"Audit trail intact: {result.checked} entries in {result.chains} "
            f"chain{'' if result.chains == 1 else 's'} verified."
        )
