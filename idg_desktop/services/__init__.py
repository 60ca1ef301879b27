"""Operations shared by the window and the ``idg`` command."""
