# The award moved to the ``awards`` app with its table (awards.0001): here it only
# leaves events' state; the database keeps the table and every row.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_lessons_to_observations"),
        ("awards", "0001_initial"),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Award")])]
