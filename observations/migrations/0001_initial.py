# The observation models came from ``events`` with their tables (events_observationform,
# events_criterion, events_criterionlevel, events_openlesson, events_observation,
# events_observationscore): this migration only tells Django's state that they are ours
# now; no row moves. The lesson's link to its event is made in events.0003, and its
# network column in 0002.

import django.core.validators
import django.db.models.deletion
import observations.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0002_calendar_models_to_calendars'),
        ('materials', '0001_initial'),
        ('networks', '0004_first_post'),
        ('schools', '0003_kazakh_order'),
        ('subjects', '0003_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Lesson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('grade', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(12)], verbose_name='grade')),
                ('topic', models.CharField(max_length=255, verbose_name='topic')),
                ('objectives', models.TextField(blank=True, help_text='One objective per line.', verbose_name='learning objectives')),
                ('starts_at', models.TimeField(blank=True, null=True, verbose_name='start time')),
                ('room', models.CharField(blank=True, max_length=60, verbose_name='classroom')),
                ('plan_file', models.FileField(blank=True, upload_to=observations.models.lesson_plan_upload_to, verbose_name='lesson plan')),
                ('plan_file_name', models.CharField(blank=True, max_length=255)),
                ('feedback_needs_release', models.BooleanField(default=True, help_text='The organiser reads the observations first and releases them to the teacher.', verbose_name='keep observations from the teacher until released')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('plan_material', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='materials.material', verbose_name='lesson plan in the library')),
                ('school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='schools.school', verbose_name='school')),
                ('subject', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='subjects.subject', verbose_name='subject')),
                ('teacher', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='open_lessons', to=settings.AUTH_USER_MODEL, verbose_name='teacher')),
            ],
            options={
                'verbose_name': 'open lesson',
                'verbose_name_plural': 'open lessons',
                'db_table': 'events_openlesson',
                'ordering': ['starts_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Observation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what_worked', models.TextField(blank=True, verbose_name='what worked')),
                ('what_to_develop', models.TextField(blank=True, verbose_name='what to develop')),
                ('comments', models.TextField(blank=True, verbose_name='comments')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('released_at', models.DateTimeField(blank=True, null=True, verbose_name='released to the teacher')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('lesson', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='observations.lesson')),
                ('observer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to=settings.AUTH_USER_MODEL, verbose_name='observer')),
                ('released_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'observation',
                'verbose_name_plural': 'observations',
                'db_table': 'events_observation',
                'ordering': ['lesson', 'submitted_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ObservationForm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observation_forms', to='networks.network')),
            ],
            options={
                'verbose_name': 'observation form',
                'verbose_name_plural': 'observation forms',
                'db_table': 'events_observationform',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='lesson',
            name='form',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='lessons', to='observations.observationform', verbose_name='observation form'),
        ),
        migrations.CreateModel(
            name='Criterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('title', models.CharField(max_length=255, verbose_name='criterion')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('form', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='observations.observationform')),
            ],
            options={
                'verbose_name': 'criterion',
                'verbose_name_plural': 'criteria',
                'db_table': 'events_criterion',
                'ordering': ['form', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ObservationScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(verbose_name='level')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='observations.criterion')),
                ('observation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='observations.observation')),
            ],
            options={
                'verbose_name': 'score',
                'verbose_name_plural': 'scores',
                'db_table': 'events_observationscore',
            },
        ),
        migrations.CreateModel(
            name='CriterionLevel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='level')),
                ('descriptor', models.CharField(max_length=500, verbose_name='descriptor')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='levels', to='observations.criterion')),
            ],
            options={
                'verbose_name': 'level',
                'verbose_name_plural': 'levels',
                'db_table': 'events_criterionlevel',
                'ordering': ['criterion', 'score'],
                'constraints': [models.UniqueConstraint(fields=('criterion', 'score'), name='criterion_level_once')],
            },
        ),
        migrations.AddConstraint(
            model_name='observation',
            constraint=models.UniqueConstraint(fields=('lesson', 'observer'), name='observation_once_per_observer'),
        ),
        migrations.AddConstraint(
            model_name='observationscore',
            constraint=models.UniqueConstraint(fields=('observation', 'criterion'), name='score_once_per_criterion'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
