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
