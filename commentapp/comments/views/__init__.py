"""Reader-facing pages: posting, editing, reporting, data rights, unsubscribing."""
