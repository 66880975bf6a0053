"""Start-up, the main window, settings and About."""
