"""Files exchanged with the working groups: group packages and their merge
(the fill-in workbook, the groups' other way back, is in ``idg_desktop/workbook/``)."""
