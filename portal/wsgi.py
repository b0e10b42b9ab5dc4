import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django_application = get_wsgi_application()

# After Django is set up: a stored page is answered before Django's handler (the page cache,
# decision 23).
from portal.middleware import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
