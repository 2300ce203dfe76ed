"""Demo data for the browser tests, made by the project's own seeders (the data of `make run`).

Each browser test starts from the migrations' snapshot, so it seeds what it needs; the seeders are
named one by one so that a test pays only for the data it uses.
"""

import io

from django.utils.module_loading import import_string

from portal.accounts.demo import DEMO_PASSWORD

HOME = "home.demo.seed"
CATALOGUE = "services_catalog.demo.seed"
ACCOUNTS = "portal.accounts.demo.seed"
SEARCH = "search.demo.seed"  # indexes what the seeders before it made: keep it last

__all__ = ["ACCOUNTS", "CATALOGUE", "DEMO_PASSWORD", "HOME", "SEARCH", "seed"]


def seed(*seeders: str) -> None:
    output = io.StringIO()
    for dotted_path in seeders:
        import_string(dotted_path)(output)
