from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "madoguchi.register"
    verbose_name = _("住民記録")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from madoguchi.packs.models import Municipality
        from madoguchi.register import lookups  # noqa: F401 - registers lookups
        from madoguchi.register.keys import forget_municipality

        # Addresses are searched without the city's own name; forget the
        # cached name whenever a pack changes it.
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: forget_municipality(),
                sender=Municipality,
                weak=False,
                dispatch_uid=f"register.forget_municipality.{id(signal)}",
            )
