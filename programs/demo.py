"""Demo content of this app, from the Centre's own texts (shared/seed, shared/data)."""


def load(command):
    """Create or update the demo content; running it again changes nothing."""
