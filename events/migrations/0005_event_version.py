
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_award_to_awards'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
