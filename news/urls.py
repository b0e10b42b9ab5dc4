from django.urls import path
from django.views.generic import TemplateView

app_name = "news"
urlpatterns = [
    path(
        "news/", TemplateView.as_view(template_name="news/article_list.html"), name="article-list"
    ),
    path("events/", TemplateView.as_view(template_name="news/event_list.html"), name="event-list"),
]
