# The academic calendar's models came from ``events`` with their tables
# (events_academicyear, events_term, events_holiday, events_shiftassignment): this
# migration only tells Django's state that they are ours now; no row moves.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("events", "0001_initial"),
    ]

    state_operations = [
        migrations.CreateModel(
            name='AcademicYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='For example 2026–2027.', max_length=20, unique=True, verbose_name='name')),
                ('starts_on', models.DateField(verbose_name='first day')),
                ('ends_on', models.DateField(verbose_name='last day')),
            ],
            options={
                'verbose_name': 'academic year',
                'verbose_name_plural': 'academic years',
                'db_table': 'events_academicyear',
                'ordering': ['-starts_on'],
            },
        ),
        migrations.CreateModel(
            name='Holiday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('kind', models.CharField(choices=[('school', 'school holidays'), ('public', 'public holiday')], default='school', max_length=8, verbose_name='kind')),
                ('starts_on', models.DateField(verbose_name='first day')),
                ('ends_on', models.DateField(verbose_name='last day')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='holidays', to='calendars.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'holiday',
                'verbose_name_plural': 'holidays',
                'db_table': 'events_holiday',
                'ordering': ['starts_on'],
            },
        ),
        migrations.CreateModel(
            name='ShiftAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('shift', models.PositiveSmallIntegerField(choices=[(1, 'first shift (morning)'), (2, 'second shift (afternoon)'), (3, 'third shift (evening)')], verbose_name='shift')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='shift', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'verbose_name': 'shift of a teacher',
                'verbose_name_plural': 'shifts of teachers',
                'db_table': 'events_shiftassignment',
            },
        ),
        migrations.CreateModel(
            name='Term',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='number')),
                ('starts_on', models.DateField(verbose_name='first day')),
                ('ends_on', models.DateField(verbose_name='last day')),
                ('year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='calendars.academicyear', verbose_name='year')),
            ],
            options={
                'verbose_name': 'quarter',
                'verbose_name_plural': 'quarters',
                'db_table': 'events_term',
                'ordering': ['year', 'number'],
                'constraints': [models.UniqueConstraint(fields=('year', 'number'), name='term_once_per_year')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
