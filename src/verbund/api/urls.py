"""Public API, version 1, namespace ``api``."""

from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView

from verbund.api import catalogue_views, views

app_name = "api"
urlpatterns: list[URLPattern] = [
    path("places", views.PlaceList.as_view(), name="places"),
    path("places/<str:ars>", views.PlaceDetail.as_view(), name="place-detail"),
    path("services", catalogue_views.ServiceList.as_view(), name="services"),
    path("services/<str:key>", catalogue_views.ServiceDetail.as_view(), name="service-detail"),
    path("routes", catalogue_views.RouteList.as_view(), name="routes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
