"""Staff pages of surveys, below their network (included by ``staff_urls.py``)."""

from django.urls import URLPattern, URLResolver, include, path

from verbund.surveys import views

_SURVEY = "verbuende/<int:pk>/umfragen/<int:survey_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("verbuende/<int:pk>/umfragen/", views.survey_list, name="surveys"),
    path("", include("verbund.surveys.results.urls")),
]
