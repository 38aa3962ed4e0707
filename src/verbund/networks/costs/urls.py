"""Staff pages of cost allocation (included by networks/urls_staff.py)."""

from django.urls import URLPattern, path

from verbund.networks.costs import views

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/kosten/", views.budget_items, name="network_costs"),
    path(
        "verbuende/<int:pk>/kosten/neu/",
        views.budget_item_create,
        name="budget_item_create",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/",
        views.budget_item_detail,
        name="budget_item",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/bearbeiten/",
        views.budget_item_edit,
        name="budget_item_edit",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/abschliessen/",
        views.allocation_close,
        name="allocation_close",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/nutzung/",
        views.budget_usage_set,
        name="budget_usage_set",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/verteilung.csv",
        views.allocation_csv,
        name="allocation_csv",
    ),
    path(
        "verbuende/<int:pk>/kosten/<int:item_pk>/mitglieder/<int:authority_pk>/abrechnung.pdf",
        views.allocation_statement,
        name="allocation_statement",
    ),
]
