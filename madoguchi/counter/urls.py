from django.urls import path

from madoguchi.counter import arrivals, views, worklist

app_name = "counter"
urlpatterns = [
    path("", views.visits, name="visits"),
    path("households/<int:household_pk>/open/", views.open_visit, name="open"),
    path("arrivals/open/", arrivals.open_arrival, name="open_arrival"),
    path("arrivals/postal/", arrivals.postal_address, name="postal_address"),
    path("arrivals/reading/", arrivals.reading, name="reading"),
    path("<int:pk>/arrivals/", arrivals.arrivals, name="arrivals"),
    path("<int:pk>/", views.resume, name="resume"),
    path("<int:pk>/event/", views.event, name="event"),
    path("<int:pk>/interview/", views.interview, name="interview"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/print/", views.print_step, name="print"),
    path("<int:pk>/packet.pdf", views.packet, name="packet"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/status/", worklist.status, name="status"),
    path("worklist/", worklist.worklist, name="worklist"),
    path("tasks/<int:pk>/<str:action>/", worklist.change_task, name="change_task"),
    path("today/", worklist.today, name="today"),
]
