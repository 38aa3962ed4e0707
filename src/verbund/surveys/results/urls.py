"""Staff pages of a survey's results (included by ``surveys/urls_staff.py``)."""

from django.urls import URLPattern, path

from verbund.surveys.results import views

_SURVEY = "verbuende/<int:pk>/umfragen/<int:survey_pk>/"

urlpatterns: list[URLPattern] = [
    path(f"{_SURVEY}ergebnisse/", views.survey_results, name="survey_results"),
    path(f"{_SURVEY}ergebnisse.csv", views.survey_results_csv, name="survey_results_csv"),
    path(f"{_SURVEY}ergebnisse.xlsx", views.survey_results_xlsx, name="survey_results_xlsx"),
    path(f"{_SURVEY}codebuch.csv", views.survey_codebook_csv, name="survey_codebook_csv"),
]
