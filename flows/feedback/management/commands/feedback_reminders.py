from django.core.management.base import BaseCommand

from flows.feedback.services import feedback_remind_due


class Command(BaseCommand):
    help = "Remind agencies of questions and petitions due soon (R-FB-3). Run from cron every 15 minutes."

    def handle(self, *args, **options):
        count = feedback_remind_due()
        self.stdout.write(f"{count} reminder(s) sent.")
