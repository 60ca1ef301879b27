"""The ``.idg`` file: models, opening and checking, locking, migrations."""
