"""Staff pages of the catalogue (included by verbund.staff_urls under namespace ``staff``)."""

from django.urls import URLPattern, URLResolver, include, path

from verbund.catalogue import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("leistungen/", views.catalogue, name="catalogue"),
    path("leistungen/neu/", views.service_create, name="service_create"),
    path("leistungen/<int:pk>/", views.service_detail, name="service"),
    path("leistungen/<int:pk>/bearbeiten/", views.service_edit, name="service_edit"),
    path("leistungen/<int:pk>/veroeffentlichen/", views.service_publish, name="service_publish"),
    path("leistungen/<int:pk>/zurueckziehen/", views.service_withdraw, name="service_withdraw"),
    path("behoerden/<int:pk>/leistungen/", views.authority_services, name="authority_services"),
    path("behoerden/<int:pk>/stellen/neu/", views.office_create, name="office_create"),
    path("behoerden/<int:pk>/stellen/<int:office_pk>/", views.office_edit, name="office_edit"),
    path(
        "behoerden/<int:pk>/leistungen/<int:service_pk>/nachnutzen/",
        views.adoption_create,
        name="adoption_create",
    ),
    path(
        "behoerden/<int:pk>/nachnutzungen/<int:adoption_pk>/",
        views.adoption_edit,
        name="adoption_edit",
    ),
    path(
        "behoerden/<int:pk>/nachnutzungen/<int:adoption_pk>/beenden/",
        views.adoption_end,
        name="adoption_end",
    ),
    path("", include("verbund.catalogue.reuse.urls")),
]
