from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigatorConfig(AppConfig):
    name = "madoguchi.navigator"
    verbose_name = _("手続ナビ")
