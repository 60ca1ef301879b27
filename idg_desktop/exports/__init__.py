"""What leaves the application: JSON now, PDF and Excel later."""
