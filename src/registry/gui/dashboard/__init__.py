"""The Dashboard section (DESIGN §8): figures from ``registry.analytics`` in tabs."""

from registry.gui.dashboard.view import DashboardView

__all__ = ["DashboardView"]
