from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verbund.networks"
    verbose_name = _("Verbünde")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_names, register_terms
        from verbund.networks import (
            audit_terms,
            hooks,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.networks.costs import audit_terms as cost_terms
        from verbund.networks.costs import panels as costs
        from verbund.networks.costs import policies as cost_policies  # noqa: F401
        from verbund.networks.groups import audit_terms as group_terms
        from verbund.networks.groups import panels as groups
        from verbund.networks.groups import policies as group_policies  # noqa: F401
        from verbund.networks.roadmap import audit_terms as roadmap_terms
        from verbund.networks.roadmap import panels as roadmap
        from verbund.networks.roadmap import policies as roadmap_policies  # noqa: F401
        from verbund.networks.workshops import audit_terms as workshop_terms
        from verbund.networks.workshops import panels as workshops
        from verbund.networks.workshops import policies as workshop_policies  # noqa: F401

        # The sub-domains' sections of the steering dashboard.
        for panel in (groups.DASHBOARD, workshops.DASHBOARD, roadmap.DASHBOARD, costs.DASHBOARD):
            hooks.DASHBOARD.register(panel, key=panel.key)
        # "Meine Verbünde" on the staff start page and an authority's networks.
        accounts.STAFF_HOME.register(panels.STAFF_HOME, key=panels.STAFF_HOME.key)
        accounts.AUTHORITY_WORKSPACE.register(
            panels.AUTHORITY_WORKSPACE, key=panels.AUTHORITY_WORKSPACE.key
        )
        # The words of the audit log, of the app and of each sub-domain.
        for terms in (audit_terms, group_terms, roadmap_terms, cost_terms, workshop_terms):
            register_terms(terms.TERMS)
        for names in (*audit_terms.NAMES, *roadmap_terms.NAMES, *workshop_terms.NAMES):
            register_names(names)
