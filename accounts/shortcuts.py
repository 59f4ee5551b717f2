"""The single-key shortcuts of the moderation pages, which each person may turn off or remap
(WCAG 2.1.4). The usual key names the action; a person's choice maps it to another key."""

# (usual key, what it does), in the order the settings page lists them.
SHORTCUTS = [
    ("j", "Next comment"),
    ("k", "Previous comment"),
    ("o", "Open the comment"),
    ("u", "Back to the queue"),
    ("a", "Keep"),
    ("h", "Hide"),
    ("d", "Delete"),
    ("b", "Block the author"),
    ("r", "Report to the platform"),
    ("e", "Escalate as a possible hate crime"),
    ("x", "Record the experience in the comment"),
]
USUAL_KEYS = [key for key, _ in SHORTCUTS]


def key_for(user, usual: str) -> str:
    """The key `user` presses for the action whose usual key is `usual`."""
    return (getattr(user, "shortcut_keys", None) or {}).get(usual, usual)
