"""Staff pages of the archive's search part (namespace ``staff``, below /verwaltung/)."""

from django.urls import URLPattern, path

from verbund.archive.search import views

urlpatterns: list[URLPattern] = [
    path("archiv/suche/", views.search, name="archive_search"),
    path("archiv/suche/seiten/<int:pk>/", views.search_page, name="archive_search_page"),
    path(
        "archiv/suche/seiten/<int:pk>/bild.jpg",
        views.page_image,
        name="archive_search_page_image",
    ),
]
