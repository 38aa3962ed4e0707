"""Staff pages of networks (included by verbund.staff_urls under namespace ``staff``):
the network, its members, cooperation areas, agreements and dashboard here; each
sub-domain's pages from its own ``urls.py``."""

from django.urls import URLPattern, URLResolver, include, path

from verbund.networks import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("verbuende/<int:pk>/", views.network_detail, name="network"),
    path("verbuende/<int:pk>/steuerung/", views.network_dashboard, name="network_dashboard"),
    path("verbuende/<int:pk>/bearbeiten/", views.network_edit, name="network_edit"),
    path("verbuende/<int:pk>/mitglieder/neu/", views.membership_add, name="membership_add"),
    path(
        "verbuende/<int:pk>/mitglieder/<int:membership_pk>/",
        views.membership_detail,
        name="membership",
    ),
    path(
        "verbuende/<int:pk>/mitglieder/<int:membership_pk>/beenden/",
        views.membership_end,
        name="membership_end",
    ),
    path("verbuende/<int:pk>/protokoll/", views.network_audit, name="network_audit"),
    path("verbuende/<int:pk>/felder/", views.network_areas, name="network_areas"),
    path("verbuende/<int:pk>/felder/neu/", views.area_create, name="area_create"),
    path("verbuende/<int:pk>/felder/stufe/", views.area_level_set, name="area_level_set"),
    path("verbuende/<int:pk>/vereinbarungen/", views.network_agreements, name="network_agreements"),
    path("verbuende/<int:pk>/vereinbarungen/neu/", views.agreement_create, name="agreement_create"),
    path(
        "verbuende/<int:pk>/vereinbarungen/<int:agreement_pk>/",
        views.agreement_detail,
        name="agreement",
    ),
    path(
        "verbuende/<int:pk>/vereinbarungen/<int:agreement_pk>/beenden/",
        views.agreement_end,
        name="agreement_end",
    ),
    path(
        "verbuende/<int:pk>/vereinbarungen/<int:agreement_pk>/dokument/",
        views.agreement_document,
        name="agreement_document",
    ),
    path("", include("verbund.networks.groups.urls")),
    path("", include("verbund.networks.roadmap.urls")),
    path("", include("verbund.networks.costs.urls")),
    path("", include("verbund.networks.workshops.urls")),
]
