# generated from ui/editor_event.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_event.ui'
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
from registry.gui.editors.pickers import (CountryPicker, DateEdit, RecordListPicker, RecordPicker)

class Ui_EventEditor(object):
    def setupUi(self, EventEditor):
        if not EventEditor.objectName():
            EventEditor.setObjectName(u"EventEditor")
        EventEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(EventEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(EventEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(EventEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(EventEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(EventEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_title = QLabel(EventEditor)
        self.label_title.setObjectName(u"label_title")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_title)

        self.title = QLineEdit(EventEditor)
        self.title.setObjectName(u"title")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.label_start = QLabel(EventEditor)
        self.label_start.setObjectName(u"label_start")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_start)

        self.start = DateEdit(EventEditor)
        self.start.setObjectName(u"start")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.start)

        self.label_end = QLabel(EventEditor)
        self.label_end.setObjectName(u"label_end")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_end)

        self.end = DateEdit(EventEditor)
        self.end.setObjectName(u"end")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.end)

        self.label_place = QLabel(EventEditor)
        self.label_place.setObjectName(u"label_place")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_place)

        self.place = QLineEdit(EventEditor)
        self.place.setObjectName(u"place")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.place)

        self.label_country = QLabel(EventEditor)
        self.label_country.setObjectName(u"label_country")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_country)

        self.country = CountryPicker(EventEditor)
        self.country.setObjectName(u"country")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.country)

        self.label_organiser_id = QLabel(EventEditor)
        self.label_organiser_id.setObjectName(u"label_organiser_id")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_organiser_id)

        self.organiser_id = RecordPicker(EventEditor)
        self.organiser_id.setObjectName(u"organiser_id")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.organiser_id)

        self.label_participants = QLabel(EventEditor)
        self.label_participants.setObjectName(u"label_participants")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_participants)

        self.participants = RecordListPicker(EventEditor)
        self.participants.setObjectName(u"participants")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.participants)

        self.label_notes = QLabel(EventEditor)
        self.label_notes.setObjectName(u"label_notes")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_notes)

        self.notes = QPlainTextEdit(EventEditor)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.notes)


        self.main_layout.addLayout(self.form)

        self.buttons = QDialogButtonBox(EventEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_title.setBuddy(self.title)
        self.label_start.setBuddy(self.start)
        self.label_end.setBuddy(self.end)
        self.label_place.setBuddy(self.place)
        self.label_country.setBuddy(self.country)
        self.label_organiser_id.setBuddy(self.organiser_id)
        self.label_participants.setBuddy(self.participants)
        self.label_notes.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EventEditor)

        QMetaObject.connectSlotsByName(EventEditor)
    # setupUi

    def retranslateUi(self, EventEditor):
        EventEditor.setWindowTitle(QCoreApplication.translate("EventEditor", u"Event", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("EventEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("EventEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("EventEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("EventEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_title.setText(QCoreApplication.translate("EventEditor", u"&Title", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("EventEditor", u"Title", None))
#endif // QT_CONFIG(accessibility)
        self.label_start.setText(QCoreApplication.translate("EventEditor", u"St&art", None))
#if QT_CONFIG(accessibility)
        self.start.setAccessibleName(QCoreApplication.translate("EventEditor", u"Start", None))
#endif // QT_CONFIG(accessibility)
        self.label_end.setText(QCoreApplication.translate("EventEditor", u"&End", None))
#if QT_CONFIG(accessibility)
        self.end.setAccessibleName(QCoreApplication.translate("EventEditor", u"End", None))
#endif // QT_CONFIG(accessibility)
        self.label_place.setText(QCoreApplication.translate("EventEditor", u"&Place", None))
#if QT_CONFIG(accessibility)
        self.place.setAccessibleName(QCoreApplication.translate("EventEditor", u"Place", None))
#endif // QT_CONFIG(accessibility)
        self.label_country.setText(QCoreApplication.translate("EventEditor", u"&Country", None))
#if QT_CONFIG(accessibility)
        self.country.setAccessibleName(QCoreApplication.translate("EventEditor", u"Country", None))
#endif // QT_CONFIG(accessibility)
        self.label_organiser_id.setText(QCoreApplication.translate("EventEditor", u"&Organiser", None))
#if QT_CONFIG(accessibility)
        self.organiser_id.setAccessibleName(QCoreApplication.translate("EventEditor", u"Organiser", None))
#endif // QT_CONFIG(accessibility)
        self.label_participants.setText(QCoreApplication.translate("EventEditor", u"Pa&rticipants", None))
#if QT_CONFIG(accessibility)
        self.participants.setAccessibleName(QCoreApplication.translate("EventEditor", u"Participants", None))
#endif // QT_CONFIG(accessibility)
        self.label_notes.setText(QCoreApplication.translate("EventEditor", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("EventEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

