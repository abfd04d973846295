
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='notice',
            name='about_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notice',
            name='about_type',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='notice',
            name='excerpt',
            field=models.CharField(blank=True, max_length=400, verbose_name='excerpt'),
        ),
        migrations.AddIndex(
            model_name='notice',
            index=models.Index(condition=models.Q(('read_at__isnull', True)), fields=['recipient', 'about_type', 'about_id'], name='notice_unread_about'),
        ),
    ]
