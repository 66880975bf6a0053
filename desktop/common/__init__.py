"""Small helpers every feature uses: formatting, fonts, resources, lifecycle."""
