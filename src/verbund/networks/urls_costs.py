"""Staff pages of cost allocation and the reuse report (included by urls_staff)."""

from django.urls import URLPattern, path

from verbund.networks import views_costs

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/kosten/", views_costs.budget_items, name="network_costs"),
    path(
        "verbuende/<int:pk>/kosten/neu/",
        views_costs.budget_item_create,
        name="budget_item_create",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/",
        views_costs.budget_item_detail,
        name="budget_item",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/abschliessen/",
        views_costs.allocation_close,
        name="allocation_close",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/nutzung/",
        views_costs.budget_usage_set,
        name="budget_usage_set",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/verteilung.csv",
        views_costs.allocation_csv,
        name="allocation_csv",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/mitglieder/<int:authority_pk>/abrechnung.pdf",
        views_costs.allocation_statement,
        name="allocation_statement",
    ),
    path("verbuende/<int:pk>/nachnutzung/", views_costs.reuse_report, name="network_reuse"),
    path(
        "verbuende/<int:pk>/nachnutzung/entwicklungskosten/",
        views_costs.development_cost_set,
        name="development_cost_set",
    ),
]
