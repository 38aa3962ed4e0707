"""Public pages of the archive's exports part (namespace ``archive``, under /archiv/):
the exports and IIIF resources of public units."""

from django.urls import URLPattern, path

from verbund.archive.exports import views

urlpatterns: list[URLPattern] = [
    path("mets/<int:unit_id>.xml", views.public_mets, name="exchange_mets"),
    path("ead/<int:fonds_id>.xml", views.public_ead, name="exchange_ead"),
    path("iiif/<int:unit_id>/manifest.json", views.public_manifest, name="exchange_manifest"),
    path("iiif/seiten/<int:page_id>", views.public_image_service, name="exchange_image_service"),
    path("iiif/seiten/<int:page_id>/info.json", views.public_info, name="exchange_info"),
    path(
        "iiif/seiten/<int:page_id>/<str:region>/<str:size>/0/default.jpg",
        views.public_image,
        name="exchange_image",
    ),
    path("seiten/<int:page_id>/vorschau.jpg", views.public_thumbnail, name="exchange_thumbnail"),
    path("seiten/<int:page_id>/alto.xml", views.public_alto, name="exchange_alto"),
]
