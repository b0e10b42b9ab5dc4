from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("about/", views.page_view, {"slug": "about"}, name="about"),
    path("privacy/", views.page_view, {"slug": "privacy"}, name="privacy"),
    path("notices/<int:pk>/hide/", views.dismiss_notice, name="dismiss-notice"),
]
