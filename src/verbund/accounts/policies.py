"""Access policies for authority workspaces, staff roles and the audit trail."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.models import AuthorityRole
from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, Policy, register
from verbund.core.models import AuditEntry


class AuthorityWorkspacePolicy(Policy[Authority]):
    """An authority's staff workspace: any role to view, authority admin to manage."""

    model = Authority

    def scope(self, user: Any, action: Action) -> QuerySet[Authority]:
        grants = grants_for(user)
        ids = grants.authority_ids() if action is Action.VIEW else grants.admin_authority_ids
        return Authority.objects.filter(pk__in=ids)


class AuthorityRolePolicy(Policy[AuthorityRole]):
    """Staff of an authority see its role list; its admins grant and revoke."""

    model = AuthorityRole

    def scope(self, user: Any, action: Action) -> QuerySet[AuthorityRole]:
        grants = grants_for(user)
        ids = grants.authority_ids() if action is Action.VIEW else grants.admin_authority_ids
        return AuthorityRole.objects.filter(authority_id__in=ids)


class AuditEntryPolicy(Policy[AuditEntry]):
    """Authority admins read their authority's entries; coordinators their network's."""

    model = AuditEntry

    def scope(self, user: Any, action: Action) -> QuerySet[AuditEntry]:
        if action is not Action.VIEW:
            return AuditEntry.objects.none()
        grants = grants_for(user)
        return AuditEntry.objects.filter(
            Q(authority_id__in=grants.admin_authority_ids)
            | Q(network_id__in=grants.coordinated_network_ids)
        )


register(AuthorityWorkspacePolicy())
register(AuthorityRolePolicy())
register(AuditEntryPolicy())
