"""Reusable widgets of the window: small parts that several pages compose."""
