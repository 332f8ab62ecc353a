"""Sharing's texts with a count, in each language's plural forms.

``self.tr(text, "", n)`` in a class is the form pyside6-lupdate marks as plural
(``translate(ctx, text, None, n)`` is not), so English gives "1 bundle" / "2 bundles" in
``registry_en.ts`` and Russian its three forms in ``registry_ru.ts``. ``%Ln`` writes the count
with the language's digit grouping. Each text is a fragment that a sentence of
:func:`registry.gui.i18n.translate` takes as one of its ``{0}``, ``{1}``...
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from registry.gui.i18n import number


class SharingCounts(QObject):
    """One method per counted fragment of the sharing screens."""

    def fields_restored(self, n: int) -> str:
        return self.tr("%Ln fields restored", "", n)

    def records_deleted(self, n: int) -> str:
        return self.tr("%Ln records deleted", "", n)

    def fields_left(self, n: int) -> str:
        return self.tr("%Ln fields left as they are because they changed since", "", n)

    def in_records(self, n: int) -> str:
        return self.tr("in %Ln records", "", n)

    def values(self, n: int) -> str:
        return self.tr("%Ln values", "", n)

    def on_to_officials(self, n: int) -> str:
        return self.tr("on to %Ln officials", "", n)

    def import_bundles(self, n: int) -> str:
        return self.tr("Import %Ln bundles", "", n)

    def files_refused(self, refused: int, n: int) -> str:
        """``refused`` of ``n`` files (the plural follows ``n``, the files checked)."""
        return self.tr("{0} of %Ln files were refused and will not be imported.", "",
                       n).replace("{0}", number(refused))

    def age_keys(self, n: int) -> str:
        return self.tr("%Ln age keys", "", n)

    # records an import touched, by what it did to them
    def new(self, n: int) -> str:
        return self.tr("%Ln new", "", n)

    def changed(self, n: int) -> str:
        return self.tr("%Ln changed", "", n)

    def deleted(self, n: int) -> str:
        return self.tr("%Ln deleted", "", n)

    def erased(self, n: int) -> str:
        return self.tr("%Ln erased", "", n)

    def unchanged(self, n: int) -> str:
        return self.tr("%Ln unchanged", "", n)


_counts: SharingCounts | None = None


def sharing_counts() -> SharingCounts:
    """The one :class:`SharingCounts` (made when first asked, after the QApplication)."""
    global _counts  # noqa: PLW0603 - one lazily made QObject
    if _counts is None:
        _counts = SharingCounts()
    return _counts
