from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Index every live page for the portal's Vietnamese search (after a bulk import or a restore)."

    def handle(self, *args, **options):
        indexed = search_index_rebuild()
        self.stdout.write(f"Indexed {indexed} pages.\n")
