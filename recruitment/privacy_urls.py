"""A candidate's own data (export, account deletion), mounted at /me/data/."""

app_name = "privacy"

urlpatterns: list = []
