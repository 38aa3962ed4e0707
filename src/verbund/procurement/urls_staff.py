"""Staff pages of the procurement app (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.procurement import views

_NETWORK = "verbuende/<int:pk>/beschaffung/"
_CALL = "beschaffung/<int:call_pk>/"

urlpatterns: list[URLPattern] = [
    path(_NETWORK, views.network_procurement, name="network_procurement"),
    path(f"{_NETWORK}neu/", views.call_create, name="procurement_call_create"),
    path(_CALL, views.call_detail, name="procurement_call"),
    path(f"{_CALL}bearbeiten/", views.call_edit, name="procurement_call_edit"),
    path(f"{_CALL}schliessen/", views.call_close, name="procurement_call_close"),
    path(f"{_CALL}bedarf/neu/", views.line_add, name="procurement_line_add"),
    path(f"{_CALL}mandat/", views.mandate_grant, name="procurement_mandate_grant"),
    path(f"{_CALL}lose/neu/", views.lot_create, name="procurement_lot_create"),
    path(f"{_CALL}vereinbarung/", views.agreement_create, name="procurement_agreement_create"),
    path(f"{_CALL}kostenverteilung/", views.allocate, name="procurement_allocate"),
    path(f"{_CALL}bedarfsuebersicht.csv", views.summary_export, name="procurement_summary"),
    path(
        "beschaffung/bedarf/<int:line_pk>/bearbeiten/",
        views.line_edit,
        name="procurement_line_edit",
    ),
    path(
        "beschaffung/bedarf/<int:line_pk>/zurueckziehen/",
        views.line_remove,
        name="procurement_line_remove",
    ),
    path(
        "beschaffung/mandate/<int:mandate_pk>/zurueckziehen/",
        views.mandate_withdraw,
        name="procurement_mandate_withdraw",
    ),
    path("beschaffung/lose/<int:lot_pk>/zuschlag/", views.award_record, name="procurement_award"),
]
