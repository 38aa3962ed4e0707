"""Staff pages of cases (included by verbund.staff_urls, so their names are
``staff:cases_staff:<name>``)."""

from django.urls import URLPattern, path

from verbund.cases import views

app_name = "cases_staff"
urlpatterns: list[URLPattern] = [
    # an authority's back office
    path("behoerden/<int:pk>/vorgaenge/", views.inbox, name="inbox"),
    path(
        "behoerden/<int:pk>/beteiligungen/",
        views.participations_received,
        name="participations",
    ),
    path("behoerden/<int:pk>/aktenfuehrung/", views.case_settings_edit, name="settings"),
    path("behoerden/<int:pk>/aussonderung/", views.records_overview, name="records"),
    path(
        "behoerden/<int:pk>/aussonderung/<uuid:disposal_id>/paket.zip",
        views.disposal_package,
        name="disposal_package",
    ),
    path(
        "behoerden/<int:pk>/aussonderung/<uuid:disposal_id>/bestaetigen/",
        views.disposal_confirm,
        name="disposal_confirm",
    ),
    # a case and its file
    path("vorgaenge/<int:pk>/", views.case_detail, name="case"),
    path("vorgaenge/<int:pk>/zuweisen/", views.case_assign, name="assign"),
    path("vorgaenge/<int:pk>/notiz/", views.case_note, name="note"),
    path("vorgaenge/<int:pk>/gesehen/", views.case_seen, name="seen"),
    path("vorgaenge/<int:pk>/dokumente/", views.document_create, name="document_create"),
    path(
        "vorgaenge/<int:pk>/dokumente/<uuid:document_id>/",
        views.document_detail,
        name="document",
    ),
    path(
        "vorgaenge/<int:pk>/dateien/<uuid:version_id>/",
        views.version_download,
        name="version",
    ),
    path("vorgaenge/<int:pk>/rueckfrage/", views.request_create, name="request_create"),
    path(
        "vorgaenge/<int:pk>/rueckfragen/<uuid:request_id>/zurueckziehen/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "vorgaenge/<int:pk>/beteiligung/",
        views.participation_create,
        name="participation_create",
    ),
    path(
        "vorgaenge/<int:pk>/beteiligungen/<int:participation_pk>/zurueckziehen/",
        views.participation_revoke,
        name="participation_revoke",
    ),
    path("vorgaenge/<int:pk>/bescheid/", views.decision_create, name="decision"),
    path("vorgaenge/<int:pk>/xdomea.zip", views.case_export, name="export"),
    # what another authority asked of this one
    path("beteiligungen/<int:pk>/", views.participation_detail, name="participation"),
    path(
        "beteiligungen/<int:pk>/dokumente/<uuid:version_id>/",
        views.participation_document,
        name="participation_document",
    ),
    # the builder's case type of a service
    path("leistungen/<int:pk>/vorgangsart/", views.case_type_edit, name="case_type"),
]
