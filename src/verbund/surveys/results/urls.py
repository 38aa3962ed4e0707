"""Staff pages of a survey's results (included by ``surveys/urls_staff.py``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
