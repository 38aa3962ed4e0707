"""Public pages of surveys (namespace ``surveys``): answering through the personal link."""

from django.urls import include, path

app_name = "surveys"
urlpatterns = [
    path("umfrage/", include("verbund.surveys.respond.urls")),
]
