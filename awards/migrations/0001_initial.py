# The award came from ``events`` with its table (events_award): this migration only
# tells Django's state that it is ours now; no row moves.

import awards.models
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0002_calendar_models_to_calendars'),
        ('networks', '0004_first_post'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Award',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('merit', 'certificate of merit'), ('thanks', 'letter of thanks'), ('participation', 'certificate of participation')], max_length=16, verbose_name='kind')),
                ('nomination', models.CharField(blank=True, max_length=255, verbose_name='nomination')),
                ('reason', models.CharField(blank=True, help_text='For example: for active work.', max_length=255, verbose_name='for')),
                ('hours', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(500)], verbose_name='hours')),
                ('recipient_name', models.CharField(max_length=200, verbose_name='name on the document')),
                ('title', models.CharField(max_length=255, verbose_name='event on the document')),
                ('event_date', models.DateField(verbose_name='date of the event')),
                ('language', models.CharField(choices=[('kk', 'Қазақша'), ('ru', 'Русский'), ('en', 'English')], default='kk', max_length=2, verbose_name='language')),
                ('code', models.CharField(default=awards.models.new_award_code, max_length=16, unique=True, verbose_name='verification code')),
                ('signatory', models.CharField(blank=True, max_length=200, verbose_name='signed by')),
                ('issued_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='issued')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('revoke_reason', models.CharField(blank=True, max_length=255, verbose_name='reason for revoking')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='awards', to='events.event', verbose_name='event')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to='networks.network')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'award',
                'verbose_name_plural': 'awards',
                'db_table': 'events_award',
                'ordering': ['-issued_on', 'pk'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('event', 'recipient', 'kind'), name='award_once_per_event_kind')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
