"""Workshops and exchange of a network (the DLZ's after-work sessions for the mayors):
invitations with the members' answers, agenda, materials, minutes and decisions that
change an area level or add a roadmap item (docs/networks.md)."""
