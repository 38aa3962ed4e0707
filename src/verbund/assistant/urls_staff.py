"""The coordinators' pages of the citizen assistant (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.assistant import views

urlpatterns: list[URLPattern] = [
    path(
        "netzwerke/<int:network_pk>/assistent/",
        views.network_assistant,
        name="assistant_network",
    ),
    path(
        "netzwerke/<int:network_pk>/assistent/suchbegriffe/<int:pk>/entfernen/",
        views.synonym_remove,
        name="assistant_synonym_remove",
    ),
    path(
        "netzwerke/<int:network_pk>/assistent/fragen/<int:pk>/erledigt/",
        views.question_dismiss,
        name="assistant_question_dismiss",
    ),
]
