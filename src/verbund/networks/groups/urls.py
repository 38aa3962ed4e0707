"""Staff pages of project groups, below their network (included by networks/urls_staff.py)."""

from django.urls import URLPattern, path

from verbund.networks.groups import views

_GROUP = "verbuende/<int:pk>/projektgruppen/<int:group_pk>/"

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/projektgruppen/", views.network_groups, name="network_groups"),
    path("verbuende/<int:pk>/projektgruppen/neu/", views.group_create, name="group_create"),
    path(_GROUP, views.group_detail, name="group"),
    path(f"{_GROUP}bearbeiten/", views.group_edit, name="group_edit"),
    path(f"{_GROUP}mitglieder/neu/", views.group_member_add, name="group_member_add"),
    path(
        f"{_GROUP}mitglieder/<int:authority_pk>/entfernen/",
        views.group_member_remove,
        name="group_member_remove",
    ),
    path(f"{_GROUP}aufgaben/neu/", views.task_create, name="group_task_create"),
    path(
        f"{_GROUP}aufgaben/<int:task_pk>/erledigt/",
        views.task_complete,
        name="group_task_complete",
    ),
    path(
        f"{_GROUP}aufgaben/<int:task_pk>/wieder-offen/",
        views.task_reopen,
        name="group_task_reopen",
    ),
    path(f"{_GROUP}meilensteine/neu/", views.milestone_create, name="group_milestone_create"),
    path(
        f"{_GROUP}meilensteine/<int:milestone_pk>/erreicht/",
        views.milestone_reach,
        name="group_milestone_reach",
    ),
    path(f"{_GROUP}dokumente/neu/", views.document_add, name="group_document_add"),
    path(
        f"{_GROUP}dokumente/<int:document_pk>/",
        views.group_document,
        name="group_document",
    ),
]
