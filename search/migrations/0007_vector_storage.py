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

from django.db import migrations

TABLE = "search_searchdocument"


def lz4_available(cursor) -> bool:
    # A server built without lz4 lists only pglz, and refuses the setting.
    cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
    row = cursor.fetchone()
    return bool(row) and "lz4" in row[0]


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN")
        if lz4_available(cursor):
            cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET COMPRESSION lz4")


def keep_apart(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_verbose_names")]

    operations = [migrations.RunPython(keep_in_row, keep_apart, elidable=False)]
