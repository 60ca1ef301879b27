"""The Qt window (PySide6). The only package that imports Qt; it arrives with
the workshop-window issue and calls the same services as the ``idg`` command."""
