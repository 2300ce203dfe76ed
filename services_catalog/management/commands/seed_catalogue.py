from django.core.management.base import BaseCommand
from django.db import transaction

from services_catalog.generate import procedures_generate
from services_catalog.services import catalogue_index_ensure


class Command(BaseCommand):
    help = "Add N generated procedures to the catalogue, quickly (for benchmarks and scale tests)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000)

    @transaction.atomic
    def handle(self, *args, count: int, **options):
        index = catalogue_index_ensure()
        created = procedures_generate(index_page=index, count=count)
        self.stdout.write(f"{created} thủ tục đã được tạo.")
