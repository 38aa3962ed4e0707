"""Specialist systems in the two tenants of the isolation test (tests/isolation/world.py):
each authority gets an API client with every scope and a failed webhook delivery.

Built on first use and kept on the world object, so that the routes of
tests/test_isolation.py can name these objects like the world's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from tests.isolation.world import Tenant, World
from verbund.integrations.models import ApiClient, DeliveryStatus, Scope, WebhookDelivery
from verbund.integrations.services import api_client_create


@dataclass
class PartnerTenant:
    client: ApiClient
    token: str
    delivery: WebhookDelivery


@dataclass
class PartnerWorld:
    a: PartnerTenant
    b: PartnerTenant


def _tenant(tenant: Tenant) -> PartnerTenant:
    client, token = api_client_create(
        actor=None,
        authority=tenant.authority,
        name=f"Fachverfahren {tenant.authority.name}",
        scopes=Scope.values,
        callback_url="https://fachverfahren.example.org/callbacks/verbund",
    )
    delivery = WebhookDelivery.objects.create(
        client=client,
        authority=tenant.authority,
        case=tenant.case,
        event="submission.new",
        payload={"type": "submission.new", "reference": tenant.case.reference},
        status=DeliveryStatus.FAILED,
        attempts=8,
        last_status_code=500,
        last_error="Der Empfänger antwortete mit HTTP 500.",
        created_at=timezone.now(),
    )
    return PartnerTenant(client, token, delivery)


def partner_world(world: World) -> PartnerWorld:
    built = getattr(world, "_partners", None)
    if built is None:
        built = PartnerWorld(a=_tenant(world.a), b=_tenant(world.b))
        world._partners = built  # type: ignore[attr-defined]
    return built
