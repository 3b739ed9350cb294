"""The one exception type for errors a user can cause; ``cli.py`` catches it once."""


class KgError(Exception):
    """A problem with the user's input or setup, with a message that says what to do."""
