"""The applicant's pages below their status link, namespace ``applicant``."""

from django.urls import URLPattern, path

from verbund.cases.applicant import views

app_name = "applicant"
urlpatterns: list[URLPattern] = [
    path(
        "status/<str:reference>/<str:token>/rueckfrage/<uuid:request_id>/",
        views.answer,
        name="answer",
    ),
    path(
        "status/<str:reference>/<str:token>/bescheid.pdf",
        views.decision_download,
        name="decision",
    ),
]
