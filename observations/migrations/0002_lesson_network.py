# A lesson belongs to a network (who may read and observe it is the network's rule),
# no longer through its event: the column is added and filled from the event each
# lesson was linked to in events.0003; 0003 makes it required.

import django.db.models.deletion
from django.db import migrations, models


def fill_network(apps, schema_editor):
    Lesson = apps.get_model("observations", "Lesson")
    EventLesson = apps.get_model("events", "EventLesson")
    by_network: dict[int, list[int]] = {}
    for lesson_id, network_id in EventLesson.objects.values_list("lesson_id", "event__network_id").iterator():
        by_network.setdefault(network_id, []).append(lesson_id)
    for network_id, lesson_ids in by_network.items():
        Lesson.objects.filter(pk__in=lesson_ids).update(network_id=network_id)


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0001_initial"),
        ("events", "0003_lessons_to_observations"),
        ("networks", "0004_first_post"),
    ]

    operations = [
        migrations.AddField(
            model_name="lesson",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lessons",
                to="networks.network",
                verbose_name="network",
            ),
        ),
        migrations.RunPython(fill_network, migrations.RunPython.noop),
    ]
