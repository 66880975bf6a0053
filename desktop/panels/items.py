"""What the panels built on QStandardItem share: the role holding an item's id, and swatches.

Kept apart from the panel modules so that no panel imports another: a panel module's import
is its registration, and the order of registrations is the order of the docks.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

ID_ROLE = Qt.ItemDataRole.UserRole + 2


def colour_swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
