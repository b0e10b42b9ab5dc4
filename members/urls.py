from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.CouncilListView.as_view(), name="council-list"),
    path("association/", views.association_view, name="association"),
    path("open-data/", views.open_data_view, name="open-data"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.json", views.export_json, name="export-json"),
    path("structure.csv", views.structure_csv, name="structure-csv"),
    path("structure.json", views.structure_json, name="structure-json"),
    # Last: a council's slug never takes the paths above (see validators.RESERVED_SLUGS).
    path("<slug:slug>/", views.CouncilDetailView.as_view(), name="council-detail"),
]
