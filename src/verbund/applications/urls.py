"""The application journey, namespace ``applications``."""

from django.urls import URLPattern, path

from verbund.applications import views

app_name = "applications"
urlpatterns: list[URLPattern] = [
    path("antrag/neu/<str:key>/", views.start, name="start"),
    path("antrag/<uuid:draft_id>/pruefen/", views.check, name="check"),
    path("antrag/<uuid:draft_id>/speichern/", views.save, name="save"),
    path("antrag/<uuid:draft_id>/<slug:step_key>/", views.step, name="step"),
    path("antrag/fortsetzen/<uuid:draft_id>/<str:token>/", views.resume, name="resume"),
    path("antrag/bestaetigung/<str:reference>/", views.confirmation, name="confirmation"),
    path("status/<str:reference>/<str:token>/", views.status, name="status"),
    path("status/<str:reference>/<str:token>/bezahlen/", views.pay, name="pay"),
    path(
        "status/<str:reference>/<str:token>/zahlung/", views.payment_return, name="payment_return"
    ),
    path("status/<str:reference>/<str:token>/quittung.pdf", views.receipt, name="receipt"),
    path(
        "status/<str:reference>/<str:token>/dateien/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
