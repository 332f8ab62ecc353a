"""The Network section (DESIGN §8): ties as a graph, brokers, components."""

from registry.gui.network.view import NetworkView

__all__ = ["NetworkView"]
