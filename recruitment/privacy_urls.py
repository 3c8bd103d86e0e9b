"""A candidate's own data (export, account deletion), mounted at /me/data/."""

from django.urls import path

from recruitment import privacy_views as views

app_name = "privacy"

urlpatterns = [
    path("", views.MyDataView.as_view(), name="home"),
    path("export/", views.DataExportView.as_view(), name="export"),
    path("delete/", views.AccountDeleteView.as_view(), name="delete"),
]
