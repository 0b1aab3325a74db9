from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    name = "madoguchi.paperwork"
    verbose_name = "帳票"
