"""Staff pages of networks (included by verbund.staff_urls under namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.networks import views

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/", views.network_detail, name="network"),
    path("verbuende/<int:pk>/bearbeiten/", views.network_edit, name="network_edit"),
    path("verbuende/<int:pk>/mitglieder/neu/", views.membership_add, name="membership_add"),
    path(
        "verbuende/<int:pk>/mitglieder/<int:membership_pk>/beenden/",
        views.membership_end,
        name="membership_end",
    ),
    path("verbuende/<int:pk>/protokoll/", views.network_audit, name="network_audit"),
]
