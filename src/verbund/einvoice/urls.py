"""The supplier's pages of the eRechnung inbox (namespace ``einvoice``), under /erechnung/."""

from django.urls import URLPattern, path

from verbund.einvoice import public_views

app_name = "einvoice"
urlpatterns: list[URLPattern] = [
    path("", public_views.choose, name="choose"),
    path("eingang/<str:receipt>/", public_views.receipt, name="receipt"),
    path("<slug:slug>/", public_views.upload, name="upload"),
]
