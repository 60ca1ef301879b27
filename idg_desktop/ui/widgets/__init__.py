"""Reusable widgets of the window, each knowing nothing of the database: the
pages hand them snapshots or plain values and listen to their signals."""
