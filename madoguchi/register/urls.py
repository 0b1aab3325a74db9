from django.urls import path

from madoguchi.register import views

app_name = "register"
urlpatterns = [
    path("", views.search, name="search"),
    path("residents/<int:pk>/", views.resident, name="resident"),
]
