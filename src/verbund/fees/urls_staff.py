"""Staff pages of the fees app (namespace ``staff``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
