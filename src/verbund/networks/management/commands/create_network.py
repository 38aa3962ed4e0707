"""`verbund create-network`: operators set up a network and its first members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from verbund.authorities.models import Authority
from verbund.networks.models import MembershipRole, NetworkKind
from verbund.networks.services import membership_add, network_create


class Command(BaseCommand):
    help = "Create a network (Verbund) with its member authorities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--kind", required=True, choices=list(NetworkKind.values))
        parser.add_argument("--description", default="")
        parser.add_argument("--operator", default="", help="IT provider that runs it, if any")
        parser.add_argument("--lead", help="Regionalschlüssel of the lead member")
        parser.add_argument("--member", action="append", default=[], help="Regionalschlüssel")
        parser.add_argument("--joined-on", type=dt.date.fromisoformat, default=dt.date.today())

    def handle(self, *args: Any, **options: Any) -> None:
        keys = list(
            dict.fromkeys(([options["lead"]] if options["lead"] else []) + options["member"])
        )
        authorities = {a.ars: a for a in Authority.objects.filter(ars__in=keys)}
        unknown = [key for key in keys if key not in authorities]
        if unknown:
            raise CommandError(f"Unknown Regionalschlüssel: {', '.join(unknown)}")
        try:
            with transaction.atomic():
                network = network_create(
                    actor=None,
                    name=options["name"],
                    slug=options["slug"],
                    kind=options["kind"],
                    description=options["description"],
                    operator_name=options["operator"],
                )
                for key in keys:
                    membership_add(
                        actor=None,
                        network=network,
                        authority=authorities[key],
                        role=MembershipRole.LEAD
                        if key == options["lead"]
                        else MembershipRole.MEMBER,
                        joined_on=options["joined_on"],
                    )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Created network {network.name} ({network.slug}) with {len(keys)} members."
        )
