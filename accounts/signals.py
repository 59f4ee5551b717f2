"""What other apps hear about people, without accounts importing them."""

from django.dispatch import Signal

# Sent when an administrator removes roles from someone or deactivates their account, inside
# the transaction of that change. Arguments: person, roles_removed (set of role slugs; every
# role when the account is deactivated), deactivated (bool), by (the administrator).
person_left = Signal()
