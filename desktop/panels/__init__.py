"""The dock panels and their item models.

Each panel module registers its dock with ``@register_panel`` (registry.py), which declares
where the dock goes; importing the module below is its registration.
"""

from desktop.panels import (  # noqa: F401
    achievements,
    charts,
    compare,
    filters,
    participants,
    regions,
    tieups,
    timeline,
)
