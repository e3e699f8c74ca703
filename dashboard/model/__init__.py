"""Pure logic behind every view: the app's data, indicators, classes, URL state, strings, uploads,
export files (no Dash components)."""
