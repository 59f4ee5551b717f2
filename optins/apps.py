from django.apps import AppConfig


class OptinsConfig(AppConfig):
    name = "optins"
