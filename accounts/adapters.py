from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.views import SignupView
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.email_ownership import email_release_unverified_secondaries
from accounts.login_slowdown import login_failure_record, login_success_record, login_wait_seconds
from accounts.models import User
from accounts.security_log import security_log
from accounts.signals import login_failures_spiked


class AccountAdapter(DefaultAccountAdapter):
    """Role-aware redirects, per-(account, IP) login throttling, the per-account slow-down across IPs
    (accounts/login_slowdown.py) and security logging."""

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # A sign-up (candidate or employer) for an address that another account only listed, never
        # confirmed: that claim is dropped, so allauth's uniqueness check lets the owner in. Done here
        # because this is the one hook every sign-up form runs before that check.
        if email and _is_signup(self.request):
            email_release_unverified_secondaries(email=email)
        return email

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated:
            return user.get_dashboard_url()
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        return email_address.user.get_dashboard_url()

    def send_mail(self, template_prefix, email, context):
        # Our account emails (templates/allauth/account/email/) share the outbox emails' layout, which names
        # the site and links home.
        super().send_mail(
            template_prefix, email, {"site_name": settings.SITE_NAME, "home_url": settings.SITE_URL + "/", **context}
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth throttles failed logins per account ("key"). Keying on the account AND the
        # client IP means an attacker who hammers someone's email locks out only themselves,
        # never the real user logging in from elsewhere; the per-IP limit still applies.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            security_log.warning("login throttled login=%s ip=%s", _login(credentials), self.get_client_ip(request))
            raise
        # Many failures for this account from anywhere: wait before the password is even checked.
        ip = self.get_client_ip(request)
        wait = login_wait_seconds(login=_login(credentials), ip=ip)
        if wait:
            security_log.warning("login slowed login=%s ip=%s wait=%ss", _login(credentials), ip, wait)
            seconds = f"{wait} second{'s' if wait > 1 else ''}"
            raise ValidationError(
                f"Too many failed login attempts for this account. Try again in {seconds}.",
                code="login_slowed",
            )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_success_record(login=_login(credentials), ip=self.get_client_ip(request))
        return user

    def authentication_failed(self, request, **credentials):
        login, ip = _login(credentials), self.get_client_ip(request)
        security_log.warning("login failed login=%s ip=%s", login, ip)
        count = login_failure_record(login=login, ip=ip)
        if count.first_spike:
            security_log.warning(
                "login failures spike login=%s failures=%s addresses=%s", login, count.failures, count.addresses
            )
            user = User.objects.filter(email__iexact=login, is_active=True).first()
            if user is not None:
                login_failures_spiked.send(
                    sender=type(self),
                    user=user,
                    failures=count.failures,
                    addresses=count.addresses,
                    window_seconds=settings.LOGIN_SLOWDOWN_WINDOW_SECONDS,
                    window_id=count.window_id,
                )


def _login(credentials) -> str:
    """The identifier tried, never the password."""
    return str(credentials.get("email") or credentials.get("username") or "")[:254]


def _is_signup(request) -> bool:
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    return (
        request is not None
        and request.method == "POST"
        and isinstance(view_class, type)
        and (issubclass(view_class, SignupView))
    )
