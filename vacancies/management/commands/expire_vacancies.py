from django.core.management.base import BaseCommand

from vacancies import services


class Command(BaseCommand):
    help = "Expire published vacancies whose closing date has passed (what the periodic task does)."

    def handle(self, *args, **options):
        count = services.vacancies_expire_due()
        self.stdout.write(self.style.SUCCESS(f"Expired {count} vacanc{'y' if count == 1 else 'ies'}."))
