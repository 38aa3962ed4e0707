"""Surveys of authorities (issue #14): a network's coordinators ask its members, or any
authorities of the register, and learn from the answers (docs/surveys.md)."""
