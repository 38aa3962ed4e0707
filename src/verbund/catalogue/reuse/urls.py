"""Staff pages of a network's reuse (included by catalogue/urls_staff.py)."""

from django.urls import URLPattern, path

from verbund.catalogue.reuse import views

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/nachnutzung/", views.reuse_report, name="network_reuse"),
    path(
        "verbuende/<int:pk>/nachnutzung/entwicklungskosten/",
        views.development_cost_set,
        name="development_cost_set",
    ),
]
