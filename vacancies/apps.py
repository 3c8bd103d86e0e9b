from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "vacancies"

    def ready(self) -> None:
        # Cached boards are dropped when what they show changes.
        from vacancies import board_cache

        board_cache.connect()
        # Applications and employers' feedback join the candidate's data export and deletion.
        from vacancies import personal_sections  # noqa: F401
