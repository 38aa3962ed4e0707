"""Each member's own strategy in a network: the fields of action it chooses, its goals
and measures, linked to project groups and roadmap items; the network sees who works
on what."""
