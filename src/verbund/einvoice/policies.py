"""Access policies of the eRechnung inbox.

* **invoice** — view and decide (accept, reject): the staff of the member authority
  it is routed to; an invoice in the clarification queue (no authority yet): the
  coordinators of the network whose inbox received it, who may also reject it or
  assign it to a member (manage). Coordinators never see an invoice once it is
  routed to a member: it is the member's business;
* **Leitweg-ID** — view: the authority's staff and the coordinators of its networks
  (they route by hand); change (add, deactivate): the authority's ``authority_admin``;
* **inbox** — view: any staff user (the address is public); change: the network's
  coordinators (checked on the network, ``networks.policies``).

Another authority's or network's rows do not exist for the user (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.einvoice.models import Invoice, InvoiceInbox, LeitwegId
from verbund.networks.models import Membership


def invoice_filter(user: Any, action: Action) -> Q:
    grants = grants_for(user)
    queue = Q(authority__isnull=True, network_id__in=grants.coordinated_network_ids)
    if action is Action.MANAGE:
        return queue
    return Q(authority_id__in=grants.authority_ids()) | queue


class InvoicePolicy(Policy[Invoice]):
    model = Invoice

    def scope(self, user: Any, action: Action) -> QuerySet[Invoice]:
        return Invoice.objects.filter(invoice_filter(user, action))


class LeitwegIdPolicy(Policy[LeitwegId]):
    model = LeitwegId

    def scope(self, user: Any, action: Action) -> QuerySet[LeitwegId]:
        grants = grants_for(user)
        if action is Action.VIEW:
            coordinated = Q(
                authority_id__in=Membership.objects.filter(
                    network_id__in=grants.coordinated_network_ids
                ).values("authority_id")
            )
            return LeitwegId.objects.filter(
                Q(authority_id__in=grants.authority_ids()) | coordinated
            )
        return LeitwegId.objects.filter(authority_id__in=grants.admin_authority_ids)

    def allows(self, user: Any, action: Action, obj: LeitwegId) -> bool:
        if obj.pk is None:  # a new ID: the authority's admins may add one
            return obj.authority_id in grants_for(user).admin_authority_ids
        return super().allows(user, action, obj)


class InvoiceInboxPolicy(Policy[InvoiceInbox]):
    model = InvoiceInbox

    def scope(self, user: Any, action: Action) -> QuerySet[InvoiceInbox]:
        if action is Action.VIEW:
            return InvoiceInbox.objects.all()
        return InvoiceInbox.objects.filter(network_id__in=grants_for(user).coordinated_network_ids)


register(InvoicePolicy())
register(LeitwegIdPolicy())
register(InvoiceInboxPolicy())
