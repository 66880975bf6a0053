"""The dock panels and their item models."""
