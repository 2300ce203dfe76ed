from django.core.management.base import BaseCommand

from portal.notifications.services import deliveries_retry_due


class Command(BaseCommand):
    help = "Retry e-mails and SMS whose earlier attempt failed and whose next attempt is due (run from cron)."

    def handle(self, *args, **options):
        tried = deliveries_retry_due()
        self.stdout.write(f"{tried} message(s) retried.")
