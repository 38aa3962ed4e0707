"""Writes on networks and memberships. Each function is atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.audit import audit_record, field_changes
from verbund.networks.models import Membership, MembershipRole, Network

_EDITABLE_FIELDS = ("name", "kind", "description", "operator_name")


def _network_state(network: Network) -> dict[str, Any]:
    return {name: getattr(network, name) for name in _EDITABLE_FIELDS}


def network_create(
    *,
    actor: Any,
    name: str,
    slug: str,
    kind: str,
    description: str = "",
    operator_name: str = "",
) -> Network:
    with transaction.atomic():
        if Network.objects.filter(Q(name=name) | Q(slug=slug)).exists():
            raise ValidationError(_("Ein Verbund mit diesem Namen oder Kurznamen besteht bereits."))
        network = Network(
            name=name, slug=slug, kind=kind, description=description, operator_name=operator_name
        )
        network.full_clean()
        network.save()
        audit_record(
            actor=actor,
            action="networks.network_created",
            obj=network,
            network=network,
            changes=field_changes(None, {"slug": slug, **_network_state(network)}),
        )
        return network


def network_update(
    *, actor: Any, network: Network, name: str, kind: str, description: str, operator_name: str
) -> Network:
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        before = _network_state(network)
        network.name, network.kind = name, kind
        network.description, network.operator_name = description, operator_name
        changes = field_changes(before, _network_state(network))
        if not changes:
            return network
        network.full_clean()
        network.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="networks.network_updated",
            obj=network,
            network=network,
            changes=changes,
        )
        return network


def _overlapping(network: Network, authority: Authority, joined_on: dt.date) -> bool:
    """True when the authority already has a membership that is open on or after ``joined_on``."""
    return (
        Membership.objects.filter(network=network, authority=authority)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=joined_on))
        .exists()
    )


def membership_add(
    *,
    actor: Any,
    network: Network,
    authority: Authority,
    role: str = MembershipRole.MEMBER,
    joined_on: dt.date,
) -> Membership:
    with transaction.atomic():
        if authority.dissolved_on is not None:
            raise ValidationError(
                _("%(name)s ist aufgelöst und kann nicht Mitglied werden.") % {"name": authority}
            )
        if _overlapping(network, authority, joined_on):
            raise ValidationError(
                _("%(name)s ist in diesem Zeitraum bereits Mitglied des Verbunds.")
                % {"name": authority}
            )
        membership = Membership(
            network=network, authority=authority, role=role, joined_on=joined_on
        )
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            action="networks.membership_added",
            obj=membership,
            network=network,
            authority=authority,
            changes=field_changes(
                None, {"authority": authority.ars, "role": role, "joined_on": joined_on}
            ),
        )
        return membership


def membership_end(*, actor: Any, membership: Membership, left_on: dt.date) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.left_on is not None:
            raise ValidationError(_("Diese Mitgliedschaft ist bereits beendet."))
        if left_on < membership.joined_on:
            raise ValidationError(_("Das Austrittsdatum liegt vor dem Beitritt."))
        membership.left_on = left_on
        membership.save(update_fields=["left_on"])
        audit_record(
            actor=actor,
            action="networks.membership_ended",
            obj=membership,
            network=membership.network_id,
            authority=membership.authority_id,
            changes=field_changes({"left_on": None}, {"left_on": left_on}),
        )
        return membership
