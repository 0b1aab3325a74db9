"""Steps of a visit the counter's tests take through Django's test client."""

from django.test import Client
from django.urls import reverse

from madoguchi.counter.models import Visit
from madoguchi.register.models import Household


def open_visit(client: Client, home: Household) -> Visit:
    """Open a visit for the household, as 「この世帯で来庁受付」 does."""
    response = client.post(reverse("counter:open", args=[home.pk]))
    visit = Visit.objects.get(household=home)
    assert response.url == reverse("counter:event", args=[visit.pk])
    return visit


def answer_everything(client: Client, visit: Visit) -> int:
    """Answer each question with its first choice; return how many there were."""
    url = reverse("counter:interview", args=[visit.pk])
    asked = 0
    for _ in range(30):
        page = client.get(url).content.decode()
        if 'name="field"' not in page:
            return asked
        field = page.split('name="field" value="')[1].split('"')[0]
        value = page.split('name="value" value="')[1].split('"')[0]
        client.post(
            url,
            {
                "version": Visit.objects.get(pk=visit.pk).version,
                "field": field.replace("&quot;", '"'),
                "value": value.replace("&quot;", '"'),
            },
            headers={"HX-Request": "true"},
        )
        asked += 1
    raise AssertionError("the interview never ended")
