"""Put the municipality's name on every screen."""

from django.http import HttpRequest

from madoguchi.packs.models import Municipality


def municipality(request: HttpRequest) -> dict[str, object]:
    """Give templates the municipality this installation serves, if loaded."""
    return {"municipality": Municipality.objects.first()}
