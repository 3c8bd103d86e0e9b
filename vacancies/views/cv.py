"""The CV sent with an application, behind the who-may-see-it rule."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.views import View

from accounts.files import private_file_response
from accounts.security_log import log_cv_download
from vacancies.models import Application


class ApplicationCvDownloadView(View):
    """The CV sent with an application, for: the candidate who applied, employers of the vacancy's company,
    and recruiters. Everyone else gets 404 (logged out visitors are asked to log in first)."""

    def get(self, request, pk: int):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        application = Application.objects.visible_to(user).filter(pk=pk).first()
        if application is None or not application.cv:
            raise Http404("No such CV.")
        response = private_file_response(application.cv, download_name=application.cv_original_name or "cv")
        log_cv_download(request, kind="application", object_id=application.pk, owner_id=application.candidate_id)
        return response


class ApplicationCvInlineView(View):
    """The same CV, shown in the browser instead of downloaded: PDFs only (a DOCX has no safe in-browser
    view), same who-may-see-it rule and the same security log line. The document is sandboxed by its
    Content-Security-Policy: no scripts, no forms, nothing loaded from anywhere, no same-origin access."""

    def get(self, request, pk: int):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        application = Application.objects.visible_to(user).filter(pk=pk).first()
        if application is None or not application.cv or not application.cv.name.lower().endswith(".pdf"):
            raise Http404("No such CV.")
        response = private_file_response(application.cv, download_name=application.cv_original_name or "cv")
        response["Content-Type"] = "application/pdf"
        response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline", 1)
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
        response["X-Content-Type-Options"] = "nosniff"
        log_cv_download(request, kind="application-view", object_id=application.pk, owner_id=application.candidate_id)
        return response
