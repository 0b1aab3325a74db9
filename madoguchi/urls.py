from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("madoguchi.staff.urls")),
    path("register/", include("madoguchi.register.urls")),
    path("counter/", include("madoguchi.counter.urls")),
    path("audit/", include("madoguchi.audit.urls")),
    path("api/", include("madoguchi.navigator.urls")),
    path("admin/", admin.site.urls),
]
