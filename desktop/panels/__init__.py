"""The dock panels and their item models.

Each panel module registers its dock with ``@register_panel`` (registry.py); importing the
module below is its registration. The order of these lines is the order the window adds the
docks: top to bottom in an area, left to right in a tab group.
"""

# isort: off
from desktop.panels import regions  # noqa: F401
from desktop.panels import filters  # noqa: F401
from desktop.panels import participants  # noqa: F401
from desktop.panels import tieups  # noqa: F401
from desktop.panels import achievements  # noqa: F401
from desktop.panels import charts  # noqa: F401
from desktop.panels import compare  # noqa: F401
from desktop.panels import timeline  # noqa: F401
# isort: on
