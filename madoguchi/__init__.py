"""madoguchi: a no-writing one-stop counter for Japanese municipalities."""
