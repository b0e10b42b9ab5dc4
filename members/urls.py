from django.urls import path
from django.views.generic import TemplateView

app_name = "members"
urlpatterns = [
    path("", TemplateView.as_view(template_name="members/council_list.html"), name="council-list"),
    path(
        "<slug:slug>/",
        TemplateView.as_view(template_name="members/council_list.html"),
        name="council-detail",
    ),
]
