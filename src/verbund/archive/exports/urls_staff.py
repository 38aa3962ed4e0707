"""Staff pages of the archive's exports part (namespace ``staff``, under /verwaltung/):
the exports and IIIF resources of every unit the user may see, and the hand-overs."""

from django.urls import URLPattern, path

from verbund.archive.exports import views

P = "archiv/austausch/"

urlpatterns: list[URLPattern] = [
    path(f"{P}mets/<int:unit_id>.xml", views.staff_mets, name="archive_exchange_mets"),
    path(f"{P}ead/<int:fonds_id>.xml", views.staff_ead, name="archive_exchange_ead"),
    path(
        f"{P}iiif/<int:unit_id>/manifest.json",
        views.staff_manifest,
        name="archive_exchange_manifest",
    ),
    path(
        f"{P}iiif/seiten/<int:page_id>",
        views.staff_image_service,
        name="archive_exchange_image_service",
    ),
    path(f"{P}iiif/seiten/<int:page_id>/info.json", views.staff_info, name="archive_exchange_info"),
    path(
        f"{P}iiif/seiten/<int:page_id>/<str:region>/<str:size>/0/default.jpg",
        views.staff_image,
        name="archive_exchange_image",
    ),
    path(
        f"{P}seiten/<int:page_id>/vorschau.jpg",
        views.staff_thumbnail,
        name="archive_exchange_thumbnail",
    ),
    path(f"{P}seiten/<int:page_id>/alto.xml", views.staff_alto, name="archive_exchange_alto"),
    path(
        f"{P}<int:archive_id>/aussonderungen/",
        views.handovers,
        name="archive_exchange_handovers",
    ),
    path(
        f"{P}<int:archive_id>/aussonderungen/<uuid:disposal_id>/uebernehmen/",
        views.handover_accept,
        name="archive_exchange_handover_accept",
    ),
]
