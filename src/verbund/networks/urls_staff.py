"""Staff pages of networks (included by verbund.staff_urls under namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.networks import urls_costs, urls_groups, urls_roadmap, views, views_dashboard

urlpatterns: list[URLPattern] = [
    *views_dashboard.urlpatterns,
    path("verbuende/<int:pk>/", views.network_detail, name="network"),
    path("verbuende/<int:pk>/bearbeiten/", views.network_edit, name="network_edit"),
    path("verbuende/<int:pk>/mitglieder/neu/", views.membership_add, name="membership_add"),
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
    *urls_groups.urlpatterns,
    *urls_roadmap.urlpatterns,
    *urls_costs.urlpatterns,
]
