# generated from ui/editor_tie.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_tie.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.pickers import (DateEdit, RecordPicker)

class Ui_TieEditor(object):
    def setupUi(self, TieEditor):
        if not TieEditor.objectName():
            TieEditor.setObjectName(u"TieEditor")
        TieEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(TieEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(TieEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.protected_marker = QLabel(TieEditor)
        self.protected_marker.setObjectName(u"protected_marker")

        self.header_layout.addWidget(self.protected_marker)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(TieEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(TieEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(TieEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_from_id = QLabel(TieEditor)
        self.label_from_id.setObjectName(u"label_from_id")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_from_id)

        self.from_id = RecordPicker(TieEditor)
        self.from_id.setObjectName(u"from_id")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.from_id)

        self.label_to_id = QLabel(TieEditor)
        self.label_to_id.setObjectName(u"label_to_id")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_to_id)

        self.to_id = RecordPicker(TieEditor)
        self.to_id.setObjectName(u"to_id")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.to_id)

        self.label_kind = QLabel(TieEditor)
        self.label_kind.setObjectName(u"label_kind")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_kind)

        self.kind = QComboBox(TieEditor)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kind)

        self.label_role = QLabel(TieEditor)
        self.label_role.setObjectName(u"label_role")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_role)

        self.role = QLineEdit(TieEditor)
        self.role.setObjectName(u"role")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.role)

        self.label_start = QLabel(TieEditor)
        self.label_start.setObjectName(u"label_start")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_start)

        self.start = DateEdit(TieEditor)
        self.start.setObjectName(u"start")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.start)

        self.label_end = QLabel(TieEditor)
        self.label_end.setObjectName(u"label_end")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_end)

        self.end = DateEdit(TieEditor)
        self.end.setObjectName(u"end")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.end)

        self.label_confidence = QLabel(TieEditor)
        self.label_confidence.setObjectName(u"label_confidence")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_confidence)

        self.confidence = QComboBox(TieEditor)
        self.confidence.setObjectName(u"confidence")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.confidence)

        self.label_source = QLabel(TieEditor)
        self.label_source.setObjectName(u"label_source")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_source)

        self.source = QLineEdit(TieEditor)
        self.source.setObjectName(u"source")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.source)

        self.label_notes = QLabel(TieEditor)
        self.label_notes.setObjectName(u"label_notes")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_notes)

        self.notes = QPlainTextEdit(TieEditor)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.notes)


        self.main_layout.addLayout(self.form)

        self.swap_button = QPushButton(TieEditor)
        self.swap_button.setObjectName(u"swap_button")

        self.main_layout.addWidget(self.swap_button)

        self.buttons = QDialogButtonBox(TieEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_from_id.setBuddy(self.from_id)
        self.label_to_id.setBuddy(self.to_id)
        self.label_kind.setBuddy(self.kind)
        self.label_role.setBuddy(self.role)
        self.label_start.setBuddy(self.start)
        self.label_end.setBuddy(self.end)
        self.label_confidence.setBuddy(self.confidence)
        self.label_source.setBuddy(self.source)
        self.label_notes.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TieEditor)

        QMetaObject.connectSlotsByName(TieEditor)
    # setupUi

    def retranslateUi(self, TieEditor):
        TieEditor.setWindowTitle(QCoreApplication.translate("TieEditor", u"Tie", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("TieEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.protected_marker.setAccessibleName(QCoreApplication.translate("TieEditor", u"Protection", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("TieEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("TieEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("TieEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_from_id.setText(QCoreApplication.translate("TieEditor", u"&From", None))
#if QT_CONFIG(accessibility)
        self.from_id.setAccessibleName(QCoreApplication.translate("TieEditor", u"From", None))
#endif // QT_CONFIG(accessibility)
        self.label_to_id.setText(QCoreApplication.translate("TieEditor", u"&To", None))
#if QT_CONFIG(accessibility)
        self.to_id.setAccessibleName(QCoreApplication.translate("TieEditor", u"To", None))
#endif // QT_CONFIG(accessibility)
        self.label_kind.setText(QCoreApplication.translate("TieEditor", u"&Kind of tie", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("TieEditor", u"Kind of tie", None))
#endif // QT_CONFIG(accessibility)
        self.label_role.setText(QCoreApplication.translate("TieEditor", u"&Role", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("TieEditor", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.label_start.setText(QCoreApplication.translate("TieEditor", u"St&art", None))
#if QT_CONFIG(accessibility)
        self.start.setAccessibleName(QCoreApplication.translate("TieEditor", u"Start", None))
#endif // QT_CONFIG(accessibility)
        self.label_end.setText(QCoreApplication.translate("TieEditor", u"&End", None))
#if QT_CONFIG(accessibility)
        self.end.setAccessibleName(QCoreApplication.translate("TieEditor", u"End", None))
#endif // QT_CONFIG(accessibility)
        self.label_confidence.setText(QCoreApplication.translate("TieEditor", u"&Confidence", None))
#if QT_CONFIG(accessibility)
        self.confidence.setAccessibleName(QCoreApplication.translate("TieEditor", u"Confidence", None))
#endif // QT_CONFIG(accessibility)
        self.label_source.setText(QCoreApplication.translate("TieEditor", u"S&ource", None))
#if QT_CONFIG(accessibility)
        self.source.setAccessibleName(QCoreApplication.translate("TieEditor", u"Source", None))
#endif // QT_CONFIG(accessibility)
        self.label_notes.setText(QCoreApplication.translate("TieEditor", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("TieEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.swap_button.setText(QCoreApplication.translate("TieEditor", u"Swap the two ends", None))
#if QT_CONFIG(accessibility)
        self.swap_button.setAccessibleName(QCoreApplication.translate("TieEditor", u"Swap the two ends", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

