"""Public endpoints of the recruitment app (one-click unsubscribe, health)."""

app_name = "recruitment"

urlpatterns: list = []
