"""A candidate's own applications, mounted at /me/applications/."""

app_name = "applications"

urlpatterns: list = []
