"""Bureau, field and project names as the reader reads them, shared by the tables that show them.

Kept apart from the panel modules so that no panel imports another (see items.py).
"""

from geodata.names import names_by_id


def reader_names(ds, language: str) -> dict[str, dict[str, str]]:
    """Bureau, field and project names in ``language`` (geodata/names.py: the Japanese name
    where the dataset has one); a panel keeps them with
    ``state.loaded.derived(reader_names, language)``."""
    return {"bureaus": names_by_id(ds.bureaus, "bureau_id", language),
            "fields": names_by_id(ds.fields, "field_id", language),
            "projects": names_by_id(ds.projects, "project_id", language)}
