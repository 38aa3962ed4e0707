"""Staff pages of the integrations app (included by verbund.staff_urls, so their
names are ``staff:integrations_staff:<name>``)."""

from django.urls import URLPattern, path

from verbund.integrations import views

app_name = "integrations_staff"
urlpatterns: list[URLPattern] = [
    path("behoerden/<int:pk>/schnittstellen/", views.clients, name="clients"),
    path(
        "behoerden/<int:pk>/schnittstellen/<int:client_pk>/",
        views.client_detail,
        name="client",
    ),
    path(
        "behoerden/<int:pk>/schnittstellen/<int:client_pk>/widerrufen/",
        views.client_revoke,
        name="client_revoke",
    ),
    path(
        "behoerden/<int:pk>/schnittstellen/zustellungen/<uuid:delivery_id>/erneut/",
        views.delivery_retry,
        name="delivery_retry",
    ),
]
