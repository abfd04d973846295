# The moved models keep their content types (and so the admin permissions given on
# them): the rows are relabelled from events to calendars, unless a calendars row is
# already there.

from django.db import migrations

MODELS = ["academicyear", "term", "holiday", "shiftassignment"]


def relabel(apps, schema_editor, old="events", new="calendars"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, old="calendars", new="events")


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0001_initial"),
        ("events", "0002_calendar_models_to_calendars"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
