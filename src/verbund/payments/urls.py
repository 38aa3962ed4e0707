"""The simulated payment provider's pages, namespace ``payments``."""

from django.urls import URLPattern, path

from verbund.payments import views

app_name = "payments"
urlpatterns: list[URLPattern] = [
    path("simulator/<uuid:transaction_id>/", views.simulator, name="simulator"),
]
