"""The embedded map: view, bridge, controller, the page's data, state and cache."""
