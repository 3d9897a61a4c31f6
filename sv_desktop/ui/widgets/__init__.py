"""Small reusable widgets: validated fields, check lists, form helpers."""
