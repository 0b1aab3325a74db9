from django.urls import path

from madoguchi.audit import views

app_name = "audit"
urlpatterns = [path("", views.records, name="records")]
