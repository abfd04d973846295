# The academic calendar moved to the ``calendars`` app with its tables
# (calendars.0001): here the models only leave events' state; the database keeps
# every table and row, and the work plan's foreign key points at the same table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('calendars', '0001_initial'),
        ('events', '0001_initial'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='workplan',
            name='year',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans', to='calendars.academicyear', verbose_name='year'),
        ),
        migrations.RemoveField(
            model_name='term',
            name='year',
        ),
        migrations.RemoveField(
            model_name='shiftassignment',
            name='user',
        ),
        migrations.DeleteModel(
            name='Holiday',
        ),
        migrations.DeleteModel(
            name='AcademicYear',
        ),
        migrations.DeleteModel(
            name='Term',
        ),
        migrations.DeleteModel(
            name='ShiftAssignment',
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
