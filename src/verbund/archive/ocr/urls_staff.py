"""Staff pages of the archive's text recognition (namespace ``staff``, under
/verwaltung/)."""

from django.urls import URLPattern, path

from verbund.archive.ocr import views

_PAGE = "archiv/seiten/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(
        "archiv/<int:archive_pk>/texterkennung/",
        views.ocr_review_queue,
        name="archive_ocr_queue",
    ),
    path(
        "archiv/<int:archive_pk>/texterkennung/wiederholen/",
        views.ocr_requeue_failed,
        name="archive_ocr_requeue",
    ),
    path(f"{_PAGE}korrektur/", views.ocr_page_correct, name="archive_ocr_page"),
    path(f"{_PAGE}geprueft/", views.ocr_page_reviewed, name="archive_ocr_page_reviewed"),
    path(
        f"{_PAGE}zeilen/<str:line_id>/bild/",
        views.ocr_line_image,
        name="archive_ocr_line_image",
    ),
]
