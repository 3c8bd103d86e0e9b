from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied


class RoleRequiredMixin(AccessMixin):
    """Anonymous visitors are sent to log in; logged-in users of another role get 403."""

    role_check = "is_candidate"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not getattr(request.user, self.role_check, False):
            raise PermissionDenied("This page is not available for your account type.")
        return super().dispatch(request, *args, **kwargs)


class CandidateRequiredMixin(RoleRequiredMixin):
    role_check = "is_candidate"


class EmployerRequiredMixin(RoleRequiredMixin):
    role_check = "is_employer"
