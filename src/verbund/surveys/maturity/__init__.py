"""Maturity: an index per authority and field of action from a survey's scored answers
and from what the platform already knows, and each authority's profile against the
others (pseudonymised, no distribution below five values)."""
