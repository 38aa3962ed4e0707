"""Staff pages of the benchmarks app (namespace ``staff``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
