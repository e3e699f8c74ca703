"""Pure functions from data to plotly figures (no Dash components)."""
