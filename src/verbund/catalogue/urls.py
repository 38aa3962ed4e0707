"""Public catalogue pages, namespace ``catalogue``."""

from django.urls import URLPattern, path

from verbund.catalogue import public_views

app_name = "catalogue"
urlpatterns: list[URLPattern] = [
    path("", public_views.service_list, name="services"),
    path("ort/<str:ars>/", public_views.place_detail, name="place"),
    path("<str:key>/", public_views.service_detail, name="service"),
]
