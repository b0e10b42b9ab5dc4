from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("notices/<int:pk>/hide/", views.dismiss_notice, name="dismiss-notice"),
    # The two pages other parts of the site link to by name; moved, they answer with a 301.
    path("about/", views.PageView.as_view(), {"path": "about"}, name="about"),
    path("privacy/", views.PageView.as_view(), {"path": "privacy"}, name="privacy"),
    # Last of all the site's addresses (PagesConfig.url_catch_all): the page tree.
    path("<path:path>/", views.PageView.as_view(), name="page"),
]
