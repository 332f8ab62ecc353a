"""Editing the plurality targets and the disagreement threshold (saved in the vault's meta,
so the command line and every copy of the app read the same values)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from registry.gui.i18n import translate

if TYPE_CHECKING:
    from registry.analytics.targets import Targets

PERCENT_FIELDS = (
    "women",
    "women_tolerance",
    "non_russian_min",
    "non_russian_goal",
    "parity_tolerance",
)


class TargetsDialog(QDialog):
    """Shows ``targets``; :meth:`targets` gives the edited values (validated by Targets)."""

    def __init__(self, targets: Targets, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Dashboard", "Plurality targets"))
        self._base = targets
        form = QFormLayout(self)
        titles = {
            "women": translate("Dashboard", "Women, share of participants"),
            "women_tolerance": translate("Dashboard", "Women, tolerance (±)"),
            "non_russian_min": translate("Dashboard", "Non-Russian ethnic origin, minimum"),
            "non_russian_goal": translate("Dashboard", "Non-Russian ethnic origin, goal"),
            "parity_tolerance": translate("Dashboard", "Groups: shortfall from parity tolerated"),
        }
        self.spins: dict[str, QDoubleSpinBox] = {}
        for key in PERCENT_FIELDS:
            spin = QDoubleSpinBox(self)
            spin.setObjectName(key)
            spin.setRange(0.0, 100.0)
            spin.setDecimals(1)
            spin.setSuffix(" %")
            spin.setValue(getattr(targets, key) * 100)
            spin.valueChanged.connect(self._check)
            form.addRow(titles[key], spin)
            self.spins[key] = spin
        self.spread = QSpinBox(self)
        self.spread.setObjectName("disagreement_spread")
        self.spread.setRange(1, 4)
        self.spread.setValue(targets.disagreement_spread)
        form.addRow(translate("Dashboard", "Evaluations disagree at a spread of"), self.spread)
        self.problem = QLabel(self)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._check()

    def targets(self) -> Targets:
        from dataclasses import replace

        values = {k: round(s.value() / 100, 4) for k, s in self.spins.items()}
        return replace(self._base, disagreement_spread=self.spread.value(), **values)

    def _check(self, *_args: object) -> None:
        ok = self.spins["non_russian_min"].value() <= self.spins["non_russian_goal"].value()
        self.problem.setText(
            "" if ok else translate("Dashboard", "The minimum must not exceed the goal.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
