from django.urls import path

from news import feeds, views

app_name = "news"
urlpatterns = [
    path("news/", views.ArticleListView.as_view(), name="article-list"),
    path("news/feed/rss/", feeds.rss_feed, name="article-feed-rss"),
    path("news/feed/atom/", feeds.atom_feed, name="article-feed-atom"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/calendar.ics", feeds.calendar_feed, name="event-feed-ics"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event-ics"),
]
