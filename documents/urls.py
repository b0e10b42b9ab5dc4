from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document-list"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
]
