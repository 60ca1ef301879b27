"""The Findings page's parts: the editor of the finding chosen, and the choice
of the duplicate to merge it into; ``ui/pages/findings_page.py`` composes them
with the table and its filters."""
