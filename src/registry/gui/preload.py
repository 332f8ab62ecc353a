"""Work done ahead on the database thread while the unlock dialog waits for the passphrase.

Importing the editors and record view (Designer forms, pickers) and loading pycountry's
region and country names costs several hundred milliseconds. Done here, off the GUI thread
and before the vault is open, it no longer stalls the window that appears after unlocking.
Nothing here touches the vault or any record.
"""

from __future__ import annotations

import contextlib
import gc
import importlib

MODULES = (
    "registry.gui.editors.record_view",
    "registry.gui.editors.kinds",
    "registry.gui.editors.pickers",
    "registry.gui.editors.labels",
    "registry.gui.forms.ui_section",
    "registry.gui.forms.ui_main_window",
    "registry.gui.pages",
)


def warm_up() -> None:
    """Import the window's modules and load the name tables (runs on the database thread)."""
    for name in MODULES:
        with contextlib.suppress(ImportError):  # the editors may be absent from a build
            importlib.import_module(name)
    from registry.gui import display

    for language in ("en", "ru"):
        display.region_names(language)
    with contextlib.suppress(ImportError):
        from registry.gui.editors.pickers import country_names

        for language in ("en", "ru"):
            country_names(language)


def freeze() -> None:
    """Move everything loaded so far out of the garbage collector's sight (``gc.freeze``).

    A full collection then scans only what was made after, so it no longer pauses the GUI
    thread for tens of milliseconds while a long list scrolls. Called before the vault is
    opened, so no record data is ever frozen (frozen cycles are never collected).
    """
    gc.freeze()
