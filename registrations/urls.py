from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("<slug:slug>/", views.register, name="register"),
    path("<slug:slug>/done/", views.done, name="done"),
]
