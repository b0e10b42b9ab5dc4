from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_pages_into_the_tree")]

    operations = [migrations.DeleteModel(name="OldPage")]
