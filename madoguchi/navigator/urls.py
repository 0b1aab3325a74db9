from django.urls import path

from madoguchi.navigator import views

app_name = "navigator"
urlpatterns = [
    path("navi", views.navi, name="navi"),
    path("openapi.json", views.openapi, name="openapi"),
]
