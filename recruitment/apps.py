from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        # Connect the receivers that turn vacancy/application/profile events into
        # matches and outbox rows (vacancies never imports this app).
        from recruitment import receivers, security  # noqa: F401
