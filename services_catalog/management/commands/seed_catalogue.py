from django.core.management.base import BaseCommand
from django.db import connection, transaction

from services_catalog.generate import procedures_generate
from services_catalog.services import catalogue_index_ensure


class Command(BaseCommand):
    help = "Add N generated procedures to the catalogue, quickly (for benchmarks and scale tests)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000)

    def handle(self, *args, count: int, **options):
        with transaction.atomic():
            index = catalogue_index_ensure()
            created = procedures_generate(index_page=index, count=count)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner keeps estimating the catalogue as nearly empty.
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE wagtailcore_page, services_catalog_procedurepage, services_catalog_procedurefee"
                )
        self.stdout.write(f"{created} thủ tục đã được tạo.")
