"""The public portal: start page, the platform's legal pages and those of each member."""

from django.urls import URLPattern, path

# Importing converters registers the path converters ``legal_kind`` and ``ars``.
from verbund.portal import converters, views  # noqa: F401

app_name = "portal"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("orte/<ars:ars>/", views.member_home, name="member_home"),
    path("orte/<ars:ars>/<legal_kind:kind>/", views.member_legal, name="member_legal"),
    path("<legal_kind:kind>/", views.platform_legal, name="platform_legal"),
]
