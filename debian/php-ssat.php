mod debian/ssat.ini
