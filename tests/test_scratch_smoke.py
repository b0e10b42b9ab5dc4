import pytest
from datetime import timedelta
from django.utils import timezone
from news.factories import ArticleFactory, EventFactory, CategoryFactory

pytestmark = pytest.mark.django_db

def test_smoke(client):
    c = CategoryFactory(name_uk="Асоціація")
    a = ArticleFactory(title_uk="Харківщина: новини", categories=[c])
    ArticleFactory.create_batch(3, categories=[c])
    e = EventFactory(title_uk="Згурівка семінар", categories=[c])
    for u in ['/news/', '/news/'+a.slug+'/', '/events/', '/events/'+e.slug+'/', '/events/'+e.slug+'/calendar.ics', '/events/calendar.ics', '/news/feed/rss/', '/en/news/feed/atom/', '/', '/sitemap.xml', '/news/?page=x', '/news/?year=abc', '/events/?raion=zzz', '/news/?category=category-0', '/news/?year=2020']:
        r = client.get(u); print(u, r.status_code, len(r.content))
    print(client.get('/news/'+a.slug+'/').content.decode()[:200])
