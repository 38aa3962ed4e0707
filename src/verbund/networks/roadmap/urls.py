"""Staff pages of a network's development roadmap (included by networks/urls_staff.py)."""

from django.urls import URLPattern, path

from verbund.networks.roadmap import views

_ITEM = "verbuende/<int:pk>/entwicklung/<int:item_pk>/"

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/entwicklung/", views.network_roadmap, name="network_roadmap"),
    path("verbuende/<int:pk>/entwicklung/neu/", views.roadmap_propose, name="roadmap_propose"),
    path(_ITEM, views.roadmap_item, name="roadmap_item"),
    path(f"{_ITEM}uebernehmen/", views.roadmap_take_build, name="roadmap_take_build"),
    path(f"{_ITEM}zusagen/", views.roadmap_commit, name="roadmap_commit"),
    path(
        f"{_ITEM}zusage-zurueckziehen/",
        views.roadmap_withdraw_commitment,
        name="roadmap_withdraw_commitment",
    ),
    path(
        f"{_ITEM}entwicklung-beginnen/",
        views.roadmap_start_development,
        name="roadmap_start_development",
    ),
    path(f"{_ITEM}veroeffentlichen/", views.roadmap_publish, name="roadmap_publish"),
]
