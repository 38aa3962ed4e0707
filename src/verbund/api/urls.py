"""Public API, version 1, namespace ``api``."""

from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView

from verbund.api import views

app_name = "api"
urlpatterns: list[URLPattern] = [
    path("places", views.PlaceList.as_view(), name="places"),
    path("places/<str:ars>", views.PlaceDetail.as_view(), name="place-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
