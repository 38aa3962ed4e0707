"""Public pages of the archive's search part (namespace ``archive``, below /archiv/)."""

from django.urls import URLPattern, path

from verbund.archive.search import public_views

urlpatterns: list[URLPattern] = [
    path("suche/", public_views.search, name="search"),
    path("suche/seiten/<int:pk>/", public_views.search_page, name="search_page"),
    path("seiten/<int:pk>/bild.jpg", public_views.page_image, name="page_image"),
]
