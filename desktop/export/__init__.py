"""Slide-ready exports of the map: PNG, SVG, PDF, PowerPoint and the clipboard."""
