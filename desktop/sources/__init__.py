"""Where the window's data comes from when it is not all in memory: the server-side mode of a
PostGIS dataset of national size (server_side.py), which asks the server for what a panel
shows (geodata/server_side/) instead of reading the whole list."""
