from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Each role lands on its own dashboard after login or email confirmation."""

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated:
            return user.get_dashboard_url()
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        return email_address.user.get_dashboard_url()
