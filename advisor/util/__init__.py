"""Shared utilities: the safe YAML reader, control characters, pydantic messages and did-you-mean hints."""
