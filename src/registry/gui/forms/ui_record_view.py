# generated from ui/record_view.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'record_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.pickers import RecordPicker

class Ui_RecordView(object):
    def setupUi(self, RecordView):
        if not RecordView.objectName():
            RecordView.setObjectName(u"RecordView")
        RecordView.resize(560, 640)
        self.main_layout = QVBoxLayout(RecordView)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.title = QLabel(RecordView)
        self.title.setObjectName(u"title")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.title.sizePolicy().hasHeightForWidth())
        self.title.setSizePolicy(sizePolicy)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_layout.addWidget(self.title)

        self.kind_label = QLabel(RecordView)
        self.kind_label.setObjectName(u"kind_label")

        self.header_layout.addWidget(self.kind_label)

        self.badge = SensitivityBadge(RecordView)
        self.badge.setObjectName(u"badge")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.badge.sizePolicy().hasHeightForWidth())
        self.badge.setSizePolicy(sizePolicy1)

        self.header_layout.addWidget(self.badge)

        self.protected_marker = QLabel(RecordView)
        self.protected_marker.setObjectName(u"protected_marker")

        self.header_layout.addWidget(self.protected_marker)

        self.edit_button = QPushButton(RecordView)
        self.edit_button.setObjectName(u"edit_button")

        self.header_layout.addWidget(self.edit_button)


        self.main_layout.addLayout(self.header_layout)

        self.status = QLabel(RecordView)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.main_layout.addWidget(self.status)

        self.label_fields = QLabel(RecordView)
        self.label_fields.setObjectName(u"label_fields")

        self.main_layout.addWidget(self.label_fields)

        self.fields = QTableWidget(RecordView)
        if (self.fields.columnCount() < 5):
            self.fields.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.fields.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.fields.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.fields.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.fields.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.fields.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.fields.setObjectName(u"fields")
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fields.setTabKeyNavigation(False)
        self.fields.setWordWrap(True)
        self.fields.horizontalHeader().setStretchLastSection(False)
        self.fields.verticalHeader().setVisible(False)

        self.main_layout.addWidget(self.fields)

        self.copy_layout = QHBoxLayout()
        self.copy_layout.setObjectName(u"copy_layout")
        self.copy_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.copy_layout.addItem(self.copy_spacer)

        self.copy_button = QPushButton(RecordView)
        self.copy_button.setObjectName(u"copy_button")

        self.copy_layout.addWidget(self.copy_button)


        self.main_layout.addLayout(self.copy_layout)

        self.ties_box = QGroupBox(RecordView)
        self.ties_box.setObjectName(u"ties_box")
        self.ties_layout = QVBoxLayout(self.ties_box)
        self.ties_layout.setObjectName(u"ties_layout")
        self.ties = QTreeWidget(self.ties_box)
        __qtreewidgetitem = QTreeWidgetItem()
        __qtreewidgetitem.setText(0, u"\u21c4")
        self.ties.setHeaderItem(__qtreewidgetitem)
        self.ties.setObjectName(u"ties")
        self.ties.setRootIsDecorated(False)
        self.ties.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.ties_layout.addWidget(self.ties)

        self.tie_buttons = QHBoxLayout()
        self.tie_buttons.setObjectName(u"tie_buttons")
        self.edit_tie_button = QPushButton(self.ties_box)
        self.edit_tie_button.setObjectName(u"edit_tie_button")

        self.tie_buttons.addWidget(self.edit_tie_button)

        self.open_other_button = QPushButton(self.ties_box)
        self.open_other_button.setObjectName(u"open_other_button")

        self.tie_buttons.addWidget(self.open_other_button)

        self.tie_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.tie_buttons.addItem(self.tie_spacer)


        self.ties_layout.addLayout(self.tie_buttons)

        self.add_tie_layout = QHBoxLayout()
        self.add_tie_layout.setObjectName(u"add_tie_layout")
        self.label_tie_target = QLabel(self.ties_box)
        self.label_tie_target.setObjectName(u"label_tie_target")

        self.add_tie_layout.addWidget(self.label_tie_target)

        self.tie_target = RecordPicker(self.ties_box)
        self.tie_target.setObjectName(u"tie_target")

        self.add_tie_layout.addWidget(self.tie_target)

        self.tie_kind = QComboBox(self.ties_box)
        self.tie_kind.setObjectName(u"tie_kind")

        self.add_tie_layout.addWidget(self.tie_kind)

        self.add_tie_button = QPushButton(self.ties_box)
        self.add_tie_button.setObjectName(u"add_tie_button")

        self.add_tie_layout.addWidget(self.add_tie_button)


        self.ties_layout.addLayout(self.add_tie_layout)


        self.main_layout.addWidget(self.ties_box)

#if QT_CONFIG(shortcut)
        self.label_fields.setBuddy(self.fields)
        self.label_tie_target.setBuddy(self.tie_target)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RecordView)

        QMetaObject.connectSlotsByName(RecordView)
    # setupUi

    def retranslateUi(self, RecordView):
        RecordView.setWindowTitle(QCoreApplication.translate("RecordView", u"Record", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("RecordView", u"Record name", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.kind_label.setAccessibleName(QCoreApplication.translate("RecordView", u"Record kind", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("RecordView", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.protected_marker.setAccessibleName(QCoreApplication.translate("RecordView", u"Protection", None))
#endif // QT_CONFIG(accessibility)
        self.edit_button.setText(QCoreApplication.translate("RecordView", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.edit_button.setAccessibleName(QCoreApplication.translate("RecordView", u"Edit record", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("RecordView", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.label_fields.setText(QCoreApplication.translate("RecordView", u"&Fields", None))
        ___qtablewidgetitem = self.fields.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("RecordView", u"Field", None))
        ___qtablewidgetitem1 = self.fields.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("RecordView", u"Value", None))
        ___qtablewidgetitem2 = self.fields.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("RecordView", u"Last set", None))
        ___qtablewidgetitem3 = self.fields.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("RecordView", u"When", None))
        ___qtablewidgetitem4 = self.fields.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("RecordView", u"Copy", None))
#if QT_CONFIG(accessibility)
        self.fields.setAccessibleName(QCoreApplication.translate("RecordView", u"Fields with who last set them and when", None))
#endif // QT_CONFIG(accessibility)
        self.copy_button.setText(QCoreApplication.translate("RecordView", u"&Copy contact", None))
#if QT_CONFIG(accessibility)
        self.copy_button.setAccessibleName(QCoreApplication.translate("RecordView", u"Copy the selected contact detail", None))
#endif // QT_CONFIG(accessibility)
        self.ties_box.setTitle(QCoreApplication.translate("RecordView", u"&Ties", None))
        ___qtreewidgetitem = self.ties.headerItem()
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("RecordView", u"Sensitivity", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("RecordView", u"Role", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("RecordView", u"Other end", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("RecordView", u"Kind of tie", None))
#if QT_CONFIG(tooltip)
        ___qtreewidgetitem.setToolTip(0, QCoreApplication.translate("RecordView", u"Direction: to the other end, or from it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.ties.setAccessibleName(QCoreApplication.translate("RecordView", u"Ties of this record", None))
#endif // QT_CONFIG(accessibility)
        self.edit_tie_button.setText(QCoreApplication.translate("RecordView", u"Edit t&ie\u2026", None))
#if QT_CONFIG(accessibility)
        self.edit_tie_button.setAccessibleName(QCoreApplication.translate("RecordView", u"Edit the selected tie", None))
#endif // QT_CONFIG(accessibility)
        self.open_other_button.setText(QCoreApplication.translate("RecordView", u"&Open other end", None))
#if QT_CONFIG(accessibility)
        self.open_other_button.setAccessibleName(QCoreApplication.translate("RecordView", u"Open the other end of the selected tie", None))
#endif // QT_CONFIG(accessibility)
        self.label_tie_target.setText(QCoreApplication.translate("RecordView", u"Tie &to", None))
#if QT_CONFIG(accessibility)
        self.tie_target.setAccessibleName(QCoreApplication.translate("RecordView", u"Other end of the new tie", None))
#endif // QT_CONFIG(accessibility)
        self.tie_target.setPlaceholderText(QCoreApplication.translate("RecordView", u"Type to search people and organisations", None))
#if QT_CONFIG(accessibility)
        self.tie_kind.setAccessibleName(QCoreApplication.translate("RecordView", u"Kind of the new tie", None))
#endif // QT_CONFIG(accessibility)
        self.add_tie_button.setText(QCoreApplication.translate("RecordView", u"&Add tie", None))
#if QT_CONFIG(accessibility)
        self.add_tie_button.setAccessibleName(QCoreApplication.translate("RecordView", u"Add a tie from this record to the chosen one", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

