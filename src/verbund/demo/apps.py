from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "verbund.demo"
    verbose_name = "Demo"
