"""Who saw which resident's data, when, from which screen and why."""
