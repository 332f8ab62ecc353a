"""Registry: an offline-first, encrypted registry of Russian civil society in exile."""

__version__ = "0.1.0"
APP_NAME = "Registry"
