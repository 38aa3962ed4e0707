"""Staff pages of accounts (included by verbund.staff_urls under namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.accounts import views

urlpatterns: list[URLPattern] = [
    path("", views.staff_home, name="home"),
    path("behoerden/<int:pk>/", views.authority_workspace, name="authority"),
    path("behoerden/<int:pk>/mitarbeitende/", views.authority_staff, name="authority_staff"),
    path(
        "behoerden/<int:pk>/mitarbeitende/<int:role_pk>/entziehen/",
        views.authority_role_revoke,
        name="authority_role_revoke",
    ),
    path("behoerden/<int:pk>/protokoll/", views.authority_audit, name="authority_audit"),
]
