def home_sections():
    """Context for this app's sections of the home page."""
    return {}
