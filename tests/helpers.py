"""Helpers shared by several test modules."""

from __future__ import annotations


def dash_post(
    client, output: str, outputs, inputs: list[tuple], state: list[tuple] = (), headers=None
):
    """POST a callback request as the Dash renderer does; inputs/state are (id, property, value)."""
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"] if inputs else [],
    }
    return client.post("/_dash-update-component", json=body, headers=headers or {})


def page_post(client, pathname: str, search: str, headers=None):
    """POST the page callback (``page.children``) for an address, as the renderer does."""
    return dash_post(
        client,
        "page.children",
        {"id": "page", "property": "children"},
        [("url", "pathname", pathname), ("page-stale", "data", None)],
        [("url", "search", search)],
        headers,
    )
