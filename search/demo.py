"""Demo data of the search: index every live page the other demo seeders created.

Seeders create pages with `add_child` (no publish signal), so the index is refreshed here, last.
"""

from search.services import search_index_rebuild


def seed(stdout) -> None:
    indexed = search_index_rebuild()
    stdout.write(f"Chỉ mục tìm kiếm: {indexed} trang.\n")
