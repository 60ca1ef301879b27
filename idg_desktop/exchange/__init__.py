"""Files exchanged with the working groups: group packages and fill-in workbooks."""
