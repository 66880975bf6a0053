"""Build-time scripts that make the bundled dataset; the app never imports them."""
