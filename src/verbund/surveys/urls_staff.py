"""Staff pages of surveys, below their network (included by ``staff_urls.py``)."""

from django.urls import URLPattern, URLResolver, include, path

from verbund.surveys import views

_SURVEY = "verbuende/<int:pk>/umfragen/<int:survey_pk>/"
_MOVE = "<str:direction>"

urlpatterns: list[URLPattern | URLResolver] = [
    path("verbuende/<int:pk>/umfragen/", views.survey_list, name="surveys"),
    path("verbuende/<int:pk>/umfragen/neu/", views.survey_create, name="survey_create"),
    path(_SURVEY, views.survey_detail, name="survey"),
    path(f"{_SURVEY}bearbeiten/", views.survey_edit, name="survey_edit"),
    path(f"{_SURVEY}vorschau/", views.survey_preview, name="survey_preview"),
    path(f"{_SURVEY}fragen.json", views.survey_definition_json, name="survey_definition_json"),
    path(
        f"{_SURVEY}fragen/hochladen/",
        views.survey_definition_upload,
        name="survey_definition_upload",
    ),
    path(f"{_SURVEY}starten/", views.survey_launch, name="survey_launch"),
    path(f"{_SURVEY}abschliessen/", views.survey_close, name="survey_close"),
    path(f"{_SURVEY}abschnitte/neu/", views.section_create, name="survey_section_create"),
    path(f"{_SURVEY}abschnitte/<slug:key>/", views.section_edit, name="survey_section_edit"),
    path(
        f"{_SURVEY}abschnitte/<slug:key>/entfernen/",
        views.section_delete,
        name="survey_section_delete",
    ),
    path(
        f"{_SURVEY}abschnitte/<slug:key>/{_MOVE}/", views.section_move, name="survey_section_move"
    ),
    path(f"{_SURVEY}handlungsfelder/neu/", views.field_create, name="survey_field_create"),
    path(
        f"{_SURVEY}handlungsfelder/<slug:key>/entfernen/",
        views.field_delete,
        name="survey_field_delete",
    ),
    path(f"{_SURVEY}fragen/neu/", views.question_create, name="survey_question_create"),
    path(f"{_SURVEY}fragen/<slug:key>/", views.question_edit, name="survey_question_edit"),
    path(
        f"{_SURVEY}fragen/<slug:key>/entfernen/",
        views.question_delete,
        name="survey_question_delete",
    ),
    path(f"{_SURVEY}fragen/<slug:key>/{_MOVE}/", views.question_move, name="survey_question_move"),
    path(f"{_SURVEY}empfaenger/", views.recipients, name="survey_recipients"),
    path(
        f"{_SURVEY}empfaenger/mitglieder/",
        views.recipients_members,
        name="survey_recipients_members",
    ),
    path(f"{_SURVEY}empfaenger/liste/", views.recipients_list, name="survey_recipients_list"),
    path(
        f"{_SURVEY}empfaenger/vorlage.csv",
        views.recipients_template,
        name="survey_recipients_template",
    ),
    path(
        f"{_SURVEY}empfaenger/<int:recipient_pk>/entfernen/",
        views.recipient_remove,
        name="survey_recipient_remove",
    ),
    path(f"{_SURVEY}erinnern/", views.survey_remind, name="survey_remind"),
    path("", include("verbund.surveys.results.urls")),
    path("", include("verbund.surveys.maturity.urls")),
    path("", include("verbund.surveys.strategy.urls")),
]
