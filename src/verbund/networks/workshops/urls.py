"""Staff pages of a network's workshops (included by networks/urls_staff.py)."""

from django.urls import URLPattern, path

from verbund.networks.workshops import views

_WORKSHOP = "verbuende/<int:pk>/workshops/<int:workshop_pk>/"

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/workshops/", views.network_workshops, name="network_workshops"),
    path("verbuende/<int:pk>/workshops/neu/", views.workshop_create, name="workshop_create"),
    path(_WORKSHOP, views.workshop_detail, name="workshop"),
    path(f"{_WORKSHOP}bearbeiten/", views.workshop_edit, name="workshop_edit"),
    path(f"{_WORKSHOP}durchgefuehrt/", views.workshop_hold, name="workshop_hold"),
    path(f"{_WORKSHOP}absagen/", views.workshop_cancel, name="workshop_cancel"),
    path(f"{_WORKSHOP}einladungen/neu/", views.workshop_invite, name="workshop_invite"),
    path(
        f"{_WORKSHOP}einladungen/<int:invitation_pk>/antwort/",
        views.invitation_answer,
        name="workshop_invitation_answer",
    ),
    path(f"{_WORKSHOP}tagesordnung/neu/", views.agenda_item_add, name="workshop_agenda_add"),
    path(f"{_WORKSHOP}unterlagen/neu/", views.material_add, name="workshop_material_add"),
    path(
        f"{_WORKSHOP}unterlagen/<int:material_pk>/",
        views.workshop_material,
        name="workshop_material",
    ),
    path(f"{_WORKSHOP}protokoll/", views.minutes_write, name="workshop_minutes"),
    path(f"{_WORKSHOP}beschluesse/neu/", views.decision_record, name="workshop_decision_add"),
]
