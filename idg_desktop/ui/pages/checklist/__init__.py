"""The Checklist page's parts: the answer editor, its guidance and history
panes, and the filters bar; ``ui/pages/checklist_page.py`` composes them."""
