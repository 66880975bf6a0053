"""Cluster Explorer desktop application (PySide6)."""
