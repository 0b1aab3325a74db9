"""Paperwork: form maps from the pack, pre-filled forms, the guidance sheet
and the packet that prints them together (see service.py)."""
