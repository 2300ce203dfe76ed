"""PostgreSQL only: Vietnamese-folding full-text and trigram indexes for the search documents.

`portal_search` is the `simple` configuration (no stemming: the `english` one would mangle Vietnamese)
with `unaccent` in front, so even text that reaches it unfolded is compared without diacritics
(unaccent's rules fold đ to d). pg_trgm gives similarity for queries with a wrong letter.
On SQLite the engine matches on the folded columns with LIKE and needs none of this.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_search') THEN
            CREATE TEXT SEARCH CONFIGURATION portal_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION portal_search
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    # Stored, so matching never recomputes to_tsvector per row (the planner may filter other
    # conditions first and then check thousands of rows). Django does not know the column: PostgreSQL
    # fills it on every insert and update.
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('portal_search'::regconfig, search_text)) STORED",
    "CREATE INDEX search_document_fts ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_document_title_trgm ON search_searchdocument USING gin (title_text gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP INDEX IF EXISTS search_document_fts",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_search",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(forward, backward)]
