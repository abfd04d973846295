# The award keeps its content type (and so the admin permissions given on it): the row
# is relabelled from events to awards, unless an awards row is already there.

from django.db import migrations


def relabel(apps, schema_editor, old="events", new="awards"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="award").exists():
        ContentType.objects.filter(app_label=old, model="award").update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, old="awards", new="events")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("events", "0004_award_to_awards"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
