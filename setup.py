"""Package discovery for pyproject.toml, which holds everything else about the build.

Packages are found, never listed: a new package of ``desktop`` or ``geodata`` is in the wheel
without anyone remembering to add it (a listed ``geodata.name_search`` once went missing and
the installed command could not search). ``resources/`` keeps its place at the top of the
repository and is installed as the package ``cluster_explorer_resources``, each of its folders
a namespace package, so every file in it ships (tests/desktop/test_installed_wheel.py compares
the wheel with the checkout).
"""

from setuptools import find_namespace_packages, setup

RESOURCES = "cluster_explorer_resources"
NOT_PACKAGES = ["*__pycache__*"]

code = find_namespace_packages(include=["desktop", "desktop.*", "geodata", "geodata.*"],
                               exclude=NOT_PACKAGES)
resources = [RESOURCES, *(f"{RESOURCES}.{name}"
                          for name in find_namespace_packages("resources", exclude=NOT_PACKAGES))]
# Data beside the code: the bundled dataset, its schema and the curated tables it is built from.
data = {"geodata": ["*.gpkg", "SCHEMA.md"], "geodata.curated": ["*"]}

setup(packages=code + resources, package_dir={RESOURCES: "resources"},
      package_data={**data, **{name: ["*"] for name in resources}})
