"""Security plumbing shared by the whole site: client IP, access-denied logging, admin audit log."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

# The logger and the user/IP helpers live in accounts so that vacancies and accounts can log too.
from accounts.security_log import client_ip, loggable_path, security_log, who

__all__ = ["AccessLogMiddleware", "client_ip", "log_admin_change", "security_log", "who"]


class AccessLogMiddleware:
    """Logs every refused request (401/403, and 404 for authenticated users poking at others' objects)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in (401, 403) or (status == 404 and getattr(request.user, "is_authenticated", False)):
            security_log.info("access denied status=%s path=%s %s", status, loggable_path(request), who(request))
        return response


@receiver(post_save, sender=LogEntry, dispatch_uid="log-admin-changes")
def log_admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if created:
        security_log.info(
            "admin change action=%s model=%s object=%s user=%s",
            instance.get_action_flag_display()
            if hasattr(instance, "get_action_flag_display")
            else instance.action_flag,
            instance.content_type.model if instance.content_type_id else "-",
            instance.object_id,
            instance.user_id,
        )
