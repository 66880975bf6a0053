"""Files the app reads at run time (map page, vendored web assets), installed as the package
``cluster_explorer_resources``; see desktop/common/resources.py."""
