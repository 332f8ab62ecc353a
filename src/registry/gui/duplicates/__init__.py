"""The Duplicates section: a review queue of candidate pairs side by side, and the decisions."""

from registry.gui.duplicates.view import DuplicatesView

__all__ = ["DuplicatesView"]
