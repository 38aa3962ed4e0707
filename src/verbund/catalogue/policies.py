"""Access policies for the catalogue.

* Published services are visible to every staff user; drafts only to the staff
  of the building authority, whose admins change them.
* Offices and adoptions belong to their authority: its staff see them, its
  admins change them.
* Responsibility exceptions are visible to all staff; the admins of the
  service's builder change them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.catalogue.models import (
    Adoption,
    Office,
    ResponsibilityException,
    Service,
    ServiceStatus,
)
from verbund.core.access import Action, Policy, register


class ServicePolicy(Policy[Service]):
    model = Service

    def scope(self, user: Any, action: Action) -> QuerySet[Service]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return Service.objects.filter(
                Q(status=ServiceStatus.PUBLISHED) | Q(builder_id__in=grants.authority_ids())
            )
        return Service.objects.filter(builder_id__in=grants.admin_authority_ids)


class OfficePolicy(Policy[Office]):
    model = Office

    def scope(self, user: Any, action: Action) -> QuerySet[Office]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return Office.objects.filter(authority_id__in=grants.authority_ids())
        return Office.objects.filter(authority_id__in=grants.admin_authority_ids)


class AdoptionPolicy(Policy[Adoption]):
    model = Adoption

    def scope(self, user: Any, action: Action) -> QuerySet[Adoption]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return Adoption.objects.filter(authority_id__in=grants.authority_ids())
        return Adoption.objects.filter(authority_id__in=grants.admin_authority_ids)


class ResponsibilityExceptionPolicy(Policy[ResponsibilityException]):
    model = ResponsibilityException

    def scope(self, user: Any, action: Action) -> QuerySet[ResponsibilityException]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return ResponsibilityException.objects.filter(
                service__in=ServicePolicy().scope(user, Action.VIEW)
            )
        return ResponsibilityException.objects.filter(
            service__builder_id__in=grants.admin_authority_ids
        )


register(ServicePolicy())
register(OfficePolicy())
register(AdoptionPolicy())
register(ResponsibilityExceptionPolicy())
