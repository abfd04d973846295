"""PostgreSQL: the vector is kept in the row, compressed, rather than in the TOAST
table, and compressed with lz4 where the server has it (search/engine.py, «Cost at
size L on PostgreSQL»).

A search for a common word tests row after row for its words: with the vector in the
row, a row costs no lookup in the TOAST table's index and no second page, and lz4
unpacks several times faster than PostgreSQL's own pglz. The text stays where it
was (compressed, then moved out of the row), which is where room for the vector
comes from.

Both apply to vectors written from now on; ``ortaq rebuild_search_index`` writes
the older ones again (docs/deploy.md). Nothing changes on SQLite.
"""

import importlib

from django.db import migrations

full_text = importlib.import_module("search.migrations.0002_full_text")

TABLE = "search_searchdocument"
# A server built without lz4 lists only pglz, and refuses the setting.
LZ4_AVAILABLE = "'lz4' = ANY(SELECT unnest(enumvals) FROM pg_settings WHERE name = 'default_toast_compression')"

POSTGRESQL_FORWARDS = [
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN",
    f"DO $$ BEGIN IF {LZ4_AVAILABLE} THEN"
    f" ALTER TABLE {TABLE} ALTER COLUMN search_vector SET COMPRESSION lz4; END IF; END $$",
]
POSTGRESQL_BACKWARDS = [
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET COMPRESSION DEFAULT",
]
keep_in_row = full_text.run({"sqlite": [], "postgresql": POSTGRESQL_FORWARDS})
keep_apart = full_text.run({"sqlite": [], "postgresql": POSTGRESQL_BACKWARDS})


class Migration(migrations.Migration):
    dependencies = [("search", "0006_verbose_names")]

    operations = [migrations.RunPython(keep_in_row, keep_apart, elidable=False)]
