"""The server-side mode of a PostGIS dataset: what the in-memory path (geodata/queries.py,
geodata/figures.py) computes from frames, computed by SQL on the server, so a dataset of
100,000 projects and a million organisations is never read whole.

``indexes.py`` makes what the queries need beside the layer tables (indexes, the search
texts), when a dataset is copied or, once, when a schema without them is first queried;
``scope.py`` turns a Filter into SQL with every value bound; ``queries.py`` answers the
window's actions (a filter click, a bureau selection, a page of rows) each in one round trip;
``organisations.py`` does the same for the optional ``organisations`` layer (SCHEMA.md).
No Qt; psycopg only.
"""
