# Open lessons and their observations moved to the ``observations`` app with their
# tables (observations.0001). Here an event's lessons become links (EventLesson): each
# lesson's event_id is copied into a link row before the column goes, then the models
# leave events' state. Reversible: going back puts the column back and fills it from
# the links.

import django.db.models.deletion
from django.db import migrations, models


def link_lessons(apps, schema_editor):
    OpenLesson = apps.get_model("events", "OpenLesson")
    EventLesson = apps.get_model("events", "EventLesson")
    EventLesson.objects.bulk_create(
        EventLesson(event_id=event_id, lesson_id=lesson_id)
        for lesson_id, event_id in OpenLesson.objects.values_list("pk", "event_id").iterator()
    )


def unlink_lessons(apps, schema_editor):
    OpenLesson = apps.get_model("events", "OpenLesson")
    EventLesson = apps.get_model("events", "EventLesson")
    for lesson_id, event_id in EventLesson.objects.values_list("lesson_id", "event_id").iterator():
        OpenLesson.objects.filter(pk=lesson_id).update(event_id=event_id)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_calendar_models_to_calendars"),
        ("observations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventLesson",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="lesson_links", to="events.event"
                    ),
                ),
                (
                    "lesson",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_link",
                        to="observations.lesson",
                    ),
                ),
            ],
            options={
                "verbose_name": "open lesson of an event",
                "verbose_name_plural": "open lessons of events",
            },
        ),
        # Nullable first, so that going back can add the column before filling it.
        migrations.AlterField(
            model_name="openlesson",
            name="event",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lessons",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.RunPython(link_lessons, unlink_lessons),
        migrations.RemoveField(model_name="openlesson", name="event"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ObservationScore"),
                migrations.DeleteModel(name="Observation"),
                migrations.DeleteModel(name="OpenLesson"),
                migrations.DeleteModel(name="CriterionLevel"),
                migrations.DeleteModel(name="Criterion"),
                migrations.DeleteModel(name="ObservationForm"),
            ]
        ),
    ]
