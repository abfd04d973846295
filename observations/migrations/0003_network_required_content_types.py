# Every lesson has its network now (0002), so the column becomes required; and the
# moved models keep their content types (and so the admin permissions given on them):
# the rows are relabelled from events to observations — the open lesson's to «lesson» —
# unless an observations row is already there. Apart from 0002 because PostgreSQL
# refuses to alter a table with updates pending in the same transaction.

import django.db.models.deletion
from django.db import migrations, models

MODELS = {
    "observationform": "observationform",
    "criterion": "criterion",
    "criterionlevel": "criterionlevel",
    "openlesson": "lesson",
    "observation": "observation",
    "observationscore": "observationscore",
}


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in MODELS.items():
        if not ContentType.objects.filter(app_label="observations", model=new).exists():
            ContentType.objects.filter(app_label="events", model=old).update(app_label="observations", model=new)


def relabel_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in MODELS.items():
        if not ContentType.objects.filter(app_label="events", model=old).exists():
            ContentType.objects.filter(app_label="observations", model=new).update(app_label="events", model=old)


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0002_lesson_network"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lesson",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lessons",
                to="networks.network",
                verbose_name="network",
            ),
        ),
        migrations.RunPython(relabel, relabel_back),
    ]
