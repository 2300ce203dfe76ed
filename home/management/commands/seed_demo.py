from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from home.management.commands.setup_portal import portal_setup

# Each app contributes a `seed(stdout)` that is safe to run again: a second `make run` keeps data.
DEMO_SEEDERS = [
    "home.demo.seed",
    "services_catalog.demo.seed",
    "portal.accounts.demo.seed",
    "flows.demo.seed",
    "flows.payments.demo.seed",
    "flows.demo.seed_access",
    "flows.demo.seed_statistics",
    "home.demo_operations.seed",
    "flows.feedback.demo.seed",
    "flows.demo.seed_staff_work",  # after the Q&A: it reports every queue of the demo staff
    "flows.demo.seed_eform_answers",  # after every seeder that makes dossiers
    "search.demo.seed",  # keep last: indexes the pages the seeders above created
]


class Command(BaseCommand):
    help = "Load the demo data of `make run` (idempotent)."

    def handle(self, *args, **options):
        portal_setup(self.stdout)  # the structure of a real portal, then the demo's data in it
        for dotted_path in DEMO_SEEDERS:
            with transaction.atomic():
                import_string(dotted_path)(self.stdout)
