"""The one exception for "refused, with a message for the person".

A service raises `Refused("…")` when it cannot do what was asked; the message is written for the
person who asked (the view shows it as is) and nothing was changed.
"""


class Refused(Exception):
    """An action refused as asked; the message says why, in words for the person. Nothing was
    changed."""
