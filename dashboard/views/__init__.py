"""Page pieces as Dash components, one module per screen; they call figures/ and model/ and hold no
data logic."""
