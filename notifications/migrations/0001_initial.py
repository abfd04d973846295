
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='about')),
                ('url', models.CharField(max_length=500)),
                ('network_id', models.BigIntegerField(blank=True, null=True)),
                ('group_id', models.BigIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mailed')),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notice',
                'verbose_name_plural': 'notices',
                'ordering': ['-pk'],
                'indexes': [models.Index(fields=['recipient', '-id'], name='notice_inbox'), models.Index(condition=models.Q(('read_at__isnull', True)), fields=['recipient'], name='notice_unread'), models.Index(condition=models.Q(('emailed_at__isnull', True)), fields=['recipient'], name='notice_unsent')],
            },
        ),
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='kind')),
                ('channel', models.CharField(choices=[('immediate', 'on the site and by e-mail at once'), ('daily', 'on the site and in a daily e-mail digest'), ('site', 'on the site only'), ('off', 'not at all')], max_length=12, verbose_name='how')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notice_preferences', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notice preference',
                'verbose_name_plural': 'notice preferences',
                'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='notice_preference_once')],
            },
        ),
    ]
