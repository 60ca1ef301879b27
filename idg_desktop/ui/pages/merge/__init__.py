"""The Merge page's parts: the merge log table, one conflict's versions side
by side with the consolidated draft, and the words both use;
``ui/pages/merge_page.py`` composes them."""
