from django.urls import path

from legalhelp import feeds, views

app_name = "legalhelp"
urlpatterns = [
    path("help/", views.index, name="index"),
    path("help/ask/", views.ask, name="ask"),
    path("help/ask/status/", views.status, name="status"),
    path("help/topics/<slug:slug>/", views.topic, name="topic"),
    path("help/topics/<slug:slug>/rss/", feeds.TopicFeed(), name="topic-feed"),
    path("help/acts/<int:pk>/", views.act, name="act"),
    path("help/<slug:slug>/", views.ConsultationDetailView.as_view(), name="detail"),
    path("consultations/", views.consultations, name="consultations"),
]
