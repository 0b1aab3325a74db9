"""The resident register (住民記録): residents, households, their history,
search, and import from a municipality's core system."""
