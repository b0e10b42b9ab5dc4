from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0005_program_publication_data"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="program",
            name="is_published",
        ),
    ]
