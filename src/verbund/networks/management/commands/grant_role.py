"""`verbund grant-role`: operators give a staff user a role, creating the account if asked.

It lives in networks, the lowest app that knows both kinds of role target
(authorities and networks); the roles themselves are accounts'.

    verbund grant-role USERNAME --authority ARS --role clerk|authority_admin
    verbund grant-role USERNAME --network SLUG --role coordinator
    ... --create [--display-name NAME] [--email ADDRESS] [--password-from-env VAR]

The change is audited with the system as actor.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from verbund.accounts.models import AuthorityRoleKind, NetworkRoleKind, User
from verbund.accounts.services import (
    authority_role_grant,
    network_role_grant,
    staff_user_create,
)
from verbund.authorities.models import Authority
from verbund.networks.models import Network


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return "; ".join(exc.messages)


class Command(BaseCommand):
    help = "Give a staff user a role in an authority or a network (optionally creating the user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--authority", metavar="ARS", help="Regionalschlüssel")
        target.add_argument("--network", metavar="SLUG", help="short name of the network")
        parser.add_argument(
            "--role",
            required=True,
            choices=[*AuthorityRoleKind.values, *NetworkRoleKind.values],
        )
        parser.add_argument("--create", action="store_true", help="create the user first")
        parser.add_argument("--display-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="read the new user's password from this environment variable (with --create)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"].strip()
        role: str = options["role"]
        authority: Authority | None = None
        network: Network | None = None
        if options["authority"]:
            if role not in AuthorityRoleKind.values:
                raise CommandError(
                    f"--role {role} is not an authority role "
                    f"(use one of: {', '.join(AuthorityRoleKind.values)})."
                )
            authority = Authority.objects.filter(ars=options["authority"].strip()).first()
            if authority is None:
                raise CommandError(f"Unknown Regionalschlüssel: {options['authority']}")
        else:
            if role not in NetworkRoleKind.values:
                raise CommandError(
                    f"--role {role} is not a network role "
                    f"(use one of: {', '.join(NetworkRoleKind.values)})."
                )
            network = Network.objects.filter(slug=options["network"].strip()).first()
            if network is None:
                raise CommandError(f"Unknown network: {options['network']}")

        existing = User.objects.filter(username=username).first()
        if options["create"]:
            if existing is not None:
                raise CommandError(f"User {username} already exists; leave out --create.")
            password = self._password(options["password_from_env"])
        else:
            if options["password_from_env"]:
                raise CommandError("--password-from-env only goes with --create.")
            if existing is None:
                raise CommandError(f"Unknown user: {username} (add --create to create it).")

        try:
            with transaction.atomic():
                if options["create"]:
                    user = staff_user_create(
                        actor=None,
                        authority=authority,
                        username=username,
                        display_name=options["display_name"],
                        email=options["email"],
                        password=password,
                        role=role if authority is not None else None,
                    )
                else:
                    assert existing is not None
                    user = existing
                if authority is not None:
                    authority_role_grant(actor=None, authority=authority, user=user, role=role)
                    where = f"{authority.name} ({authority.ars})"
                else:
                    assert network is not None
                    network_role_grant(actor=None, network=network, user=user, role=role)
                    where = f"{network.name} ({network.slug})"
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        verb = "Created" if options["create"] else "Updated"
        self.stdout.write(f"{verb} {user.username}: {role} in {where}.")
        if options["create"]:
            self.stdout.write("The user sets up the second factor (TOTP) at the first login.")

    def _password(self, env_var: str | None) -> str:
        if env_var:
            password = os.environ.get(env_var, "")
            if not password:
                raise CommandError(f"Environment variable {env_var} is empty or not set.")
            return password
        try:
            password = getpass.getpass("Password for the new user: ")
            again = getpass.getpass("Repeat the password: ")
        except (EOFError, KeyboardInterrupt) as exc:
            raise CommandError("No password given.") from exc
        if password != again:
            raise CommandError("The passwords do not match.")
        if not password:
            raise CommandError("No password given.")
        return password
