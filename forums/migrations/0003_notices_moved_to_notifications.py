# The forum's notifications moved to the notifications centre (notifications.0003);
# the old table and the e-mail choice go.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0003_forum_notices'),
        ('forums', '0002_post_version'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='forumpreference',
            name='email_mode',
        ),
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
