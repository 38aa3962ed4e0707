"""Public pages of good practices, namespace ``practices`` (below /gute-beispiele/)."""

from django.urls import URLPattern, path

from verbund.practices import public_views

app_name = "practices"
urlpatterns: list[URLPattern] = [
    path("", public_views.practice_list, name="practices"),
    path("<int:pk>/", public_views.practice_detail, name="practice"),
]
