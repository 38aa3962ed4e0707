"""The maturity pages (included by ``surveys/urls_staff.py``)."""

from django.urls import URLPattern, path

from verbund.surveys.maturity import views

_SURVEY = "verbuende/<int:pk>/umfragen/<int:survey_pk>/"

urlpatterns: list[URLPattern] = [
    path(f"{_SURVEY}reifegrad/", views.maturity_overview, name="survey_maturity"),
    path(
        f"{_SURVEY}reifegrad/<int:recipient_pk>/",
        views.maturity_profile,
        name="survey_maturity_profile",
    ),
]
