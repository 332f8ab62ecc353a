"""The Sharing section: cards, trusted officials, export and import wizards, import history."""

from registry.gui.sharing.view import SharingView

__all__ = ["SharingView"]
