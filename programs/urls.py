from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="list"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/apply/done/", views.apply_done, name="apply-done"),
]
