"""The strategy pages, below their network (included by ``surveys/urls_staff.py``)."""

from django.urls import URLPattern, path

from verbund.surveys.strategy import views

_OWN = "verbuende/<int:pk>/strategien/<int:authority_pk>/"

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/strategien/", views.network_strategies, name="strategies"),
    path(_OWN, views.strategy_detail, name="strategy"),
    path(f"{_OWN}bearbeiten/", views.strategy_edit, name="strategy_edit"),
    path(f"{_OWN}ziele/neu/", views.goal_create, name="strategy_goal_create"),
    path(f"{_OWN}ziele/<int:goal_pk>/entfernen/", views.goal_delete, name="strategy_goal_delete"),
    path(
        f"{_OWN}ziele/<int:goal_pk>/massnahmen/neu/",
        views.measure_create,
        name="strategy_measure_create",
    ),
    path(
        f"{_OWN}massnahmen/<int:measure_pk>/stand/",
        views.measure_status,
        name="strategy_measure_status",
    ),
]
