"""Staff accounts, their roles, and what each role may open."""
