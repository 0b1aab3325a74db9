from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "madoguchi.packs"
    verbose_name = _("自治体パック")
