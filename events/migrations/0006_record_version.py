from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_event_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='record',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
