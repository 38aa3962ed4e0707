"""Project groups of a network (Würzburg's twelve): lead member, members, tasks,
milestones and documents (docs/networks.md)."""
