from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "vacancies"

    def ready(self) -> None:
        # Cached boards are dropped when what they show changes.
        from vacancies import board_cache

        board_cache.connect()
