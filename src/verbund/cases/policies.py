"""Access policies for cases and their file (docs/cases.md has the table).

* A case, its history, documents, requests and decision are visible to the staff
  (any role) of the processing and of the responsible authority. Work on them
  (CHANGE) needs the clerk role in the processing authority; the finer rule (the
  case assigned to oneself) is the services' (``services.may_work``). Records
  (hand-over to the archive, deletion) are MANAGE: authority admins of the
  processing authority.
* A participation is visible to both the requesting and the requested
  authority; the requested authority's clerks answer it (CHANGE), the requesting
  authority's clerks revoke it (MANAGE). Shared documents are reached only
  through an open participation (``selectors.participation_shared_version``),
  never through the document policies.
* Case types are visible with their service; the builder's admins change them.
  Case settings and disposals belong to their authority.

Everybody else gets 404 for all of them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.models import AuthorityRoleKind
from verbund.accounts.selectors import grants_for
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseSettings,
    CaseType,
    Decision,
    DocumentVersion,
    InformationRequest,
    Participation,
    RecordsDisposal,
)
from verbund.catalogue.models import Service
from verbund.core.access import Action, Policy, policy_for, register

CLERK = AuthorityRoleKind.CLERK
ADMIN = AuthorityRoleKind.AUTHORITY_ADMIN


def _case_scope(user: Any, action: Action, prefix: str = "") -> Q:
    """The cases ``user`` may ``action`` on, as a filter on ``<prefix>authority`` etc."""
    grants = grants_for(user)
    if action is Action.VIEW:
        ids = grants.authority_ids()
        return Q(**{f"{prefix}authority_id__in": ids}) | Q(**{f"{prefix}responsible_id__in": ids})
    roles = (CLERK,) if action is Action.CHANGE else (ADMIN,)
    return Q(**{f"{prefix}authority_id__in": grants.authority_ids(*roles)})


class _CasePart(Policy[Any]):
    """A row that belongs to a case: visible and changeable as its case."""

    path = "case__"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        return self.model._default_manager.filter(_case_scope(user, action, self.path))


class CasePolicy(Policy[Case]):
    model = Case

    def scope(self, user: Any, action: Action) -> QuerySet[Case]:
        return Case.objects.filter(_case_scope(user, action))


class CaseEventPolicy(_CasePart):
    model = CaseEvent


class CaseDocumentPolicy(_CasePart):
    model = CaseDocument


class DocumentVersionPolicy(_CasePart):
    model = DocumentVersion
    path = "document__case__"


class InformationRequestPolicy(_CasePart):
    model = InformationRequest


class DecisionPolicy(_CasePart):
    model = Decision

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is not Action.VIEW:
            return Decision.objects.none()  # a Bescheid, once issued, is never changed
        return super().scope(user, action)


class ParticipationPolicy(Policy[Participation]):
    model = Participation

    def scope(self, user: Any, action: Action) -> QuerySet[Participation]:
        grants = grants_for(user)
        if action is Action.VIEW:
            ids = grants.authority_ids()
            return Participation.objects.filter(Q(authority_id__in=ids) | Q(requested_id__in=ids))
        if action is Action.CHANGE:
            return Participation.objects.filter(requested_id__in=grants.authority_ids(CLERK))
        return Participation.objects.filter(authority_id__in=grants.authority_ids(CLERK))


class CaseTypePolicy(Policy[CaseType]):
    model = CaseType

    def scope(self, user: Any, action: Action) -> QuerySet[CaseType]:
        if action is Action.VIEW:
            visible = policy_for(Service).scope(user, Action.VIEW)
            return CaseType.objects.filter(service__in=visible)
        return CaseType.objects.filter(authority_id__in=grants_for(user).admin_authority_ids)


class _AuthorityOwned(Policy[Any]):
    """Visible to the authority's staff (or only its admins), changed by its admins."""

    view_roles: tuple[str, ...] = ()

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        grants = grants_for(user)
        ids = grants.authority_ids(*self.view_roles) if action is Action.VIEW else None
        if ids is None:
            ids = grants.admin_authority_ids
        return self.model._default_manager.filter(authority_id__in=ids)


class CaseSettingsPolicy(_AuthorityOwned):
    model = CaseSettings


class RecordsDisposalPolicy(_AuthorityOwned):
    model = RecordsDisposal
    view_roles = (ADMIN,)


POLICIES: tuple[Policy[Any], ...] = (
    CasePolicy(),
    CaseEventPolicy(),
    CaseDocumentPolicy(),
    DocumentVersionPolicy(),
    InformationRequestPolicy(),
    DecisionPolicy(),
    ParticipationPolicy(),
    CaseTypePolicy(),
    CaseSettingsPolicy(),
    RecordsDisposalPolicy(),
)
for _policy in POLICIES:
    register(_policy)
