"""Public endpoints of the recruitment app (one-click unsubscribe, health)."""

from django.urls import path

from recruitment import public_views

app_name = "recruitment"

urlpatterns: list = [
    path("unsubscribe/<str:token>/", public_views.UnsubscribeView.as_view(), name="unsubscribe"),
]
