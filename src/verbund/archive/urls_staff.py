"""Staff pages of the archive (namespace ``staff``): description and ingest here; the
text recognition, the exchange and the search bring their own."""

from django.urls import URLPattern, URLResolver, include, path

from verbund.archive import views

_ARCHIVE = "archiv/<int:archive_pk>/"
_FONDS = "archiv/bestaende/<int:fonds_pk>/"
_UNIT = "archiv/einheiten/<int:unit_pk>/"
_PAGE = "archiv/seiten/<int:page_pk>/"
_PROFILE = "archiv/ocr-profile/<int:profile_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("behoerden/<int:pk>/archive/", views.archive_list, name="archive_list"),
    path("behoerden/<int:pk>/archive/neu/", views.archive_create, name="archive_create"),
    path(_ARCHIVE, views.archive_detail, name="archive"),
    path(f"{_ARCHIVE}bearbeiten/", views.archive_edit, name="archive_edit"),
    path(f"{_ARCHIVE}ocr-profil/", views.archive_profile, name="archive_profile"),
    path(f"{_ARCHIVE}ocr-profil/neu/", views.profile_create, name="archive_profile_create"),
    path(f"{_ARCHIVE}bestaende/neu/", views.fonds_create, name="archive_fonds_create"),
    path(f"{_PROFILE}bearbeiten/", views.profile_edit, name="archive_profile_edit"),
    path(f"{_PROFILE}freigabe/", views.profile_share, name="archive_profile_share"),
    path(_FONDS, views.fonds_detail, name="archive_fonds"),
    path(f"{_FONDS}bearbeiten/", views.fonds_edit, name="archive_fonds_edit"),
    path(f"{_FONDS}einheiten/neu/", views.unit_create, name="archive_unit_create"),
    path(_UNIT, views.unit_detail, name="archive_unit"),
    path(f"{_UNIT}bearbeiten/", views.unit_edit, name="archive_unit_edit"),
    path(f"{_UNIT}hochladen/", views.unit_upload, name="archive_unit_upload"),
    path(f"{_UNIT}reihenfolge/", views.unit_reorder, name="archive_unit_reorder"),
    path(_PAGE, views.page_detail, name="archive_page"),
    path(f"{_PAGE}bild/", views.page_image, name="archive_page_image"),
    path(f"{_PAGE}vorschau/", views.page_thumbnail, name="archive_page_thumbnail"),
    path(f"{_PAGE}original/", views.page_master, name="archive_page_master"),
    path("", include("verbund.archive.ocr.urls_staff")),
    path("", include("verbund.archive.exports.urls_staff")),
    path("", include("verbund.archive.search.urls_staff")),
]
