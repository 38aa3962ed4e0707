"""The network's development roadmap (Südwestfalen): who builds which online service,
who commits to adopt it, and the published catalogue service it became."""
