from django.urls import path
from django.views.generic import DetailView, ListView

from core.views import PreviewMixin
from tests.plugin_app.models import Bulletin

app_name = "plugin_app"


class BulletinDetailView(PreviewMixin, DetailView):
    model = Bulletin
    template_name = "plugin_app/detail.html"


urlpatterns = [
    path(
        "",
        ListView.as_view(
            queryset=Bulletin.objects.published(), template_name="plugin_app/list.html"
        ),
        name="list",
    ),
    path("<slug:slug>/", BulletinDetailView.as_view(), name="detail"),
]
