"""Public pages of the archive under /archiv/ (namespace ``archive``): the search over
public units and the IIIF resources of public units."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "archive"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("verbund.archive.search.urls")),
    path("", include("verbund.archive.exports.urls")),
]
