"""Personal documents for open-day visitors, from a booking system's export: the export
read (:mod:`.export`), its rows checked as visitors of the school (:mod:`.rows`)."""
