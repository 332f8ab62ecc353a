# generated from ui/editor_support.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_support.ui'
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
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.pickers import (DateEdit, RecordPicker)

class Ui_SupportEditor(object):
    def setupUi(self, SupportEditor):
        if not SupportEditor.objectName():
            SupportEditor.setObjectName(u"SupportEditor")
        SupportEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(SupportEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(SupportEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.protected_marker = QLabel(SupportEditor)
        self.protected_marker.setObjectName(u"protected_marker")

        self.header_layout.addWidget(self.protected_marker)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(SupportEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(SupportEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(SupportEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_provider_id = QLabel(SupportEditor)
        self.label_provider_id.setObjectName(u"label_provider_id")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_provider_id)

        self.provider_id = RecordPicker(SupportEditor)
        self.provider_id.setObjectName(u"provider_id")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.provider_id)

        self.label_recipient_id = QLabel(SupportEditor)
        self.label_recipient_id.setObjectName(u"label_recipient_id")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_recipient_id)

        self.recipient_id = RecordPicker(SupportEditor)
        self.recipient_id.setObjectName(u"recipient_id")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.recipient_id)

        self.label_kind = QLabel(SupportEditor)
        self.label_kind.setObjectName(u"label_kind")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_kind)

        self.kind = QComboBox(SupportEditor)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kind)

        self.label_status = QLabel(SupportEditor)
        self.label_status.setObjectName(u"label_status")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_status)

        self.status = QComboBox(SupportEditor)
        self.status.setObjectName(u"status")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.status)

        self.label_start = QLabel(SupportEditor)
        self.label_start.setObjectName(u"label_start")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_start)

        self.start = DateEdit(SupportEditor)
        self.start.setObjectName(u"start")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.start)

        self.label_end = QLabel(SupportEditor)
        self.label_end.setObjectName(u"label_end")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_end)

        self.end = DateEdit(SupportEditor)
        self.end.setObjectName(u"end")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.end)

        self.label_amount = QLabel(SupportEditor)
        self.label_amount.setObjectName(u"label_amount")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_amount)

        self.amount = QLineEdit(SupportEditor)
        self.amount.setObjectName(u"amount")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.amount)

        self.label_currency = QLabel(SupportEditor)
        self.label_currency.setObjectName(u"label_currency")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_currency)

        self.currency = QLineEdit(SupportEditor)
        self.currency.setObjectName(u"currency")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.currency)

        self.label_horizon = QLabel(SupportEditor)
        self.label_horizon.setObjectName(u"label_horizon")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_horizon)

        self.horizon = QComboBox(SupportEditor)
        self.horizon.setObjectName(u"horizon")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.horizon)

        self.label_notes = QLabel(SupportEditor)
        self.label_notes.setObjectName(u"label_notes")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.label_notes)

        self.notes = QPlainTextEdit(SupportEditor)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.notes)


        self.main_layout.addLayout(self.form)

        self.buttons = QDialogButtonBox(SupportEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_provider_id.setBuddy(self.provider_id)
        self.label_recipient_id.setBuddy(self.recipient_id)
        self.label_kind.setBuddy(self.kind)
        self.label_status.setBuddy(self.status)
        self.label_start.setBuddy(self.start)
        self.label_end.setBuddy(self.end)
        self.label_amount.setBuddy(self.amount)
        self.label_currency.setBuddy(self.currency)
        self.label_horizon.setBuddy(self.horizon)
        self.label_notes.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SupportEditor)

        QMetaObject.connectSlotsByName(SupportEditor)
    # setupUi

    def retranslateUi(self, SupportEditor):
        SupportEditor.setWindowTitle(QCoreApplication.translate("SupportEditor", u"Support", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.protected_marker.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Protection", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("SupportEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_provider_id.setText(QCoreApplication.translate("SupportEditor", u"&Provider (donor or government)", None))
#if QT_CONFIG(accessibility)
        self.provider_id.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Provider (donor or government)", None))
#endif // QT_CONFIG(accessibility)
        self.label_recipient_id.setText(QCoreApplication.translate("SupportEditor", u"&Recipient", None))
#if QT_CONFIG(accessibility)
        self.recipient_id.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Recipient", None))
#endif // QT_CONFIG(accessibility)
        self.label_kind.setText(QCoreApplication.translate("SupportEditor", u"&Kind of support", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Kind of support", None))
#endif // QT_CONFIG(accessibility)
        self.label_status.setText(QCoreApplication.translate("SupportEditor", u"S&tatus", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.label_start.setText(QCoreApplication.translate("SupportEditor", u"St&art", None))
#if QT_CONFIG(accessibility)
        self.start.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Start", None))
#endif // QT_CONFIG(accessibility)
        self.label_end.setText(QCoreApplication.translate("SupportEditor", u"&End", None))
#if QT_CONFIG(accessibility)
        self.end.setAccessibleName(QCoreApplication.translate("SupportEditor", u"End", None))
#endif // QT_CONFIG(accessibility)
        self.label_amount.setText(QCoreApplication.translate("SupportEditor", u"A&mount", None))
#if QT_CONFIG(accessibility)
        self.amount.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Amount", None))
#endif // QT_CONFIG(accessibility)
        self.label_currency.setText(QCoreApplication.translate("SupportEditor", u"&Currency", None))
#if QT_CONFIG(accessibility)
        self.currency.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Currency", None))
#endif // QT_CONFIG(accessibility)
        self.label_horizon.setText(QCoreApplication.translate("SupportEditor", u"&Horizon", None))
#if QT_CONFIG(accessibility)
        self.horizon.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Horizon", None))
#endif // QT_CONFIG(accessibility)
        self.label_notes.setText(QCoreApplication.translate("SupportEditor", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("SupportEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

