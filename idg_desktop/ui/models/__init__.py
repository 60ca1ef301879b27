"""Qt models over the services, shared by the pages and (later) the projector view."""
