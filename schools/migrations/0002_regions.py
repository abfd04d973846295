from django.db import migrations

# The regions of Kazakhstan (17 oblasts since 2022 and 3 cities of republican
# significance), in Kazakh as the education departments write them.
REGIONS = [
    "Астана қаласы", "Алматы қаласы", "Шымкент қаласы",
    "Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы облысы", "Атырау облысы",
    "Батыс Қазақстан облысы", "Жамбыл облысы", "Жетісу облысы", "Қарағанды облысы",
    "Қостанай облысы", "Қызылорда облысы", "Маңғыстау облысы", "Павлодар облысы",
    "Солтүстік Қазақстан облысы", "Түркістан облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы",
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("schools", "Region")
    for name in REGIONS:
        Region.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
