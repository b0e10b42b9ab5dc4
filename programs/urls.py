from django.urls import path
from django.views.generic import TemplateView

app_name = "programs"
urlpatterns = [
    path("", TemplateView.as_view(template_name="programs/program_list.html"), name="list"),
    path(
        "<slug:slug>/",
        TemplateView.as_view(template_name="programs/program_list.html"),
        name="detail",
    ),
]
