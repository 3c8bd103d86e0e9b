"""Security plumbing shared by the whole site: client IP, access-denied logging, admin audit log."""

from __future__ import annotations

import logging

from allauth.core.internal.httpkit import get_client_ip
from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

security_log = logging.getLogger("security")


def client_ip(request) -> str:
    """The client's address, trusting X-Forwarded-For only as far as ALLAUTH_TRUSTED_PROXY_COUNT says."""
    try:
        return get_client_ip(request) or "-"
    except Exception:
        return request.META.get("REMOTE_ADDR", "-")


def who(request) -> str:
    user = getattr(request, "user", None)
    return f"user={user.pk if user and user.is_authenticated else '-'} ip={client_ip(request)}"


class AccessLogMiddleware:
    """Logs every refused request (401/403, and 404 for authenticated users poking at others' objects)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in (401, 403) or (status == 404 and getattr(request.user, "is_authenticated", False)):
            security_log.info("access denied status=%s path=%s %s", status, request.path[:200], who(request))
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
