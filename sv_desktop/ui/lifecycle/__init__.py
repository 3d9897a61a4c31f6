"""Screens for the tender's life before and after the ITT: the pipeline filters, roles and checklists,
pre-market engagement, award and delivery, KPI reports due, and the compliance report."""
