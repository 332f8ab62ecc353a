# generated from ui/editor_evaluation.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_evaluation.ui'
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

class Ui_EvaluationEditor(object):
    def setupUi(self, EvaluationEditor):
        if not EvaluationEditor.objectName():
            EvaluationEditor.setObjectName(u"EvaluationEditor")
        EvaluationEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(EvaluationEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(EvaluationEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.protected_marker = QLabel(EvaluationEditor)
        self.protected_marker.setObjectName(u"protected_marker")

        self.header_layout.addWidget(self.protected_marker)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(EvaluationEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(EvaluationEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(EvaluationEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_subject_id = QLabel(EvaluationEditor)
        self.label_subject_id.setObjectName(u"label_subject_id")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_subject_id)

        self.subject_id = RecordPicker(EvaluationEditor)
        self.subject_id.setObjectName(u"subject_id")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.subject_id)

        self.label_date = QLabel(EvaluationEditor)
        self.label_date.setObjectName(u"label_date")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_date)

        self.date = DateEdit(EvaluationEditor)
        self.date.setObjectName(u"date")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date)

        self.label_assessor_name = QLabel(EvaluationEditor)
        self.label_assessor_name.setObjectName(u"label_assessor_name")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_assessor_name)

        self.assessor_name = QLineEdit(EvaluationEditor)
        self.assessor_name.setObjectName(u"assessor_name")
        self.assessor_name.setReadOnly(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.assessor_name)

        self.label_score_1 = QLabel(EvaluationEditor)
        self.label_score_1.setObjectName(u"label_score_1")
        self.label_score_1.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_score_1)

        self.score_1 = QComboBox(EvaluationEditor)
        self.score_1.setObjectName(u"score_1")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.score_1)

        self.label_evidence_1 = QLabel(EvaluationEditor)
        self.label_evidence_1.setObjectName(u"label_evidence_1")
        self.label_evidence_1.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_evidence_1)

        self.evidence_1 = QPlainTextEdit(EvaluationEditor)
        self.evidence_1.setObjectName(u"evidence_1")
        self.evidence_1.setTabChangesFocus(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.evidence_1)

        self.label_score_2 = QLabel(EvaluationEditor)
        self.label_score_2.setObjectName(u"label_score_2")
        self.label_score_2.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_score_2)

        self.score_2 = QComboBox(EvaluationEditor)
        self.score_2.setObjectName(u"score_2")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.score_2)

        self.label_evidence_2 = QLabel(EvaluationEditor)
        self.label_evidence_2.setObjectName(u"label_evidence_2")
        self.label_evidence_2.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_evidence_2)

        self.evidence_2 = QPlainTextEdit(EvaluationEditor)
        self.evidence_2.setObjectName(u"evidence_2")
        self.evidence_2.setTabChangesFocus(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.evidence_2)

        self.label_score_3 = QLabel(EvaluationEditor)
        self.label_score_3.setObjectName(u"label_score_3")
        self.label_score_3.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_score_3)

        self.score_3 = QComboBox(EvaluationEditor)
        self.score_3.setObjectName(u"score_3")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.score_3)

        self.label_evidence_3 = QLabel(EvaluationEditor)
        self.label_evidence_3.setObjectName(u"label_evidence_3")
        self.label_evidence_3.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_evidence_3)

        self.evidence_3 = QPlainTextEdit(EvaluationEditor)
        self.evidence_3.setObjectName(u"evidence_3")
        self.evidence_3.setTabChangesFocus(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.evidence_3)


        self.main_layout.addLayout(self.form)

        self.buttons = QDialogButtonBox(EvaluationEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_subject_id.setBuddy(self.subject_id)
        self.label_date.setBuddy(self.date)
        self.label_assessor_name.setBuddy(self.assessor_name)
        self.label_score_1.setBuddy(self.score_1)
        self.label_evidence_1.setBuddy(self.evidence_1)
        self.label_score_2.setBuddy(self.score_2)
        self.label_evidence_2.setBuddy(self.evidence_2)
        self.label_score_3.setBuddy(self.score_3)
        self.label_evidence_3.setBuddy(self.evidence_3)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EvaluationEditor)

        QMetaObject.connectSlotsByName(EvaluationEditor)
    # setupUi

    def retranslateUi(self, EvaluationEditor):
        EvaluationEditor.setWindowTitle(QCoreApplication.translate("EvaluationEditor", u"Evaluation", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.protected_marker.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Protection", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("EvaluationEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_subject_id.setText(QCoreApplication.translate("EvaluationEditor", u"S&ubject", None))
#if QT_CONFIG(accessibility)
        self.subject_id.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Subject", None))
#endif // QT_CONFIG(accessibility)
        self.label_date.setText(QCoreApplication.translate("EvaluationEditor", u"&Date", None))
#if QT_CONFIG(accessibility)
        self.date.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Date", None))
#endif // QT_CONFIG(accessibility)
        self.label_assessor_name.setText(QCoreApplication.translate("EvaluationEditor", u"&Assessor", None))
#if QT_CONFIG(accessibility)
        self.assessor_name.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Assessor", None))
#endif // QT_CONFIG(accessibility)
        self.label_score_1.setText(QCoreApplication.translate("EvaluationEditor", u"1. S&tandards and visions for a future Russia (0\u20134)", None))
#if QT_CONFIG(accessibility)
        self.score_1.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"1. Standards and visions for a future Russia (0\u20134)", None))
#endif // QT_CONFIG(accessibility)
        self.label_evidence_1.setText(QCoreApplication.translate("EvaluationEditor", u"&Evidence for criterion 1", None))
#if QT_CONFIG(accessibility)
        self.evidence_1.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Evidence for criterion 1", None))
#endif // QT_CONFIG(accessibility)
        self.label_score_2.setText(QCoreApplication.translate("EvaluationEditor", u"2. &Knowledge for public debate about Russia (0\u20134)", None))
#if QT_CONFIG(accessibility)
        self.score_2.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"2. Knowledge for public debate about Russia (0\u20134)", None))
#endif // QT_CONFIG(accessibility)
        self.label_evidence_2.setText(QCoreApplication.translate("EvaluationEditor", u"E&vidence for criterion 2", None))
#if QT_CONFIG(accessibility)
        self.evidence_2.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Evidence for criterion 2", None))
#endif // QT_CONFIG(accessibility)
        self.label_score_3.setText(QCoreApplication.translate("EvaluationEditor", u"3. Su&pport for anti-war and anti-regime views inside Russia (0\u20134)", None))
#if QT_CONFIG(accessibility)
        self.score_3.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"3. Support for anti-war and anti-regime views inside Russia (0\u20134)", None))
#endif // QT_CONFIG(accessibility)
        self.label_evidence_3.setText(QCoreApplication.translate("EvaluationEditor", u"Ev&idence for criterion 3", None))
#if QT_CONFIG(accessibility)
        self.evidence_3.setAccessibleName(QCoreApplication.translate("EvaluationEditor", u"Evidence for criterion 3", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

