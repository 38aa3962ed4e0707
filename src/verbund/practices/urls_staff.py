"""Staff pages of good practices, below their authority (included by
``verbund.staff_urls`` under namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.practices import views

_LIST = "behoerden/<int:pk>/gute-beispiele/"
_PRACTICE = f"{_LIST}<int:practice_pk>/"

urlpatterns: list[URLPattern] = [
    path(_LIST, views.authority_practices, name="authority_practices"),
    path(f"{_LIST}neu/", views.practice_create, name="practice_create"),
    path(f"{_LIST}vorschlagen/", views.practice_propose, name="practice_propose"),
    path(f"{_PRACTICE}bearbeiten/", views.practice_edit, name="practice_edit"),
    path(f"{_PRACTICE}veroeffentlichen/", views.practice_publish, name="practice_publish"),
    path(f"{_PRACTICE}zurueckziehen/", views.practice_withdraw, name="practice_withdraw"),
]
