"""Shared helpers without models; any app may import from here."""
