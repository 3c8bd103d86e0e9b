from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from accounts import digits

        digits.install()  # numbers and times only with the digits 0-9, in every form
        from accounts import (
            personal_sections,  # noqa: F401 - registers the account and the profile with accounts.personal_data
            receivers,  # noqa: F401 - connects the login listener
        )
