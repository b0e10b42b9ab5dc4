"""Demo content of this app, from the Centre's own texts (shared/seed)."""


def load(command, scale=0):
    """Create or update the demo content; running it again changes nothing.

    `scale` adds that many generated articles for benchmarks.
    """
