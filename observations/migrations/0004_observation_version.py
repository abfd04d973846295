
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('observations', '0003_network_required_content_types'),
    ]

    operations = [
        migrations.AddField(
            model_name='observation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
