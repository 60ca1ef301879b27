"""The IDG's vocabulary and rules, in plain Python (no Qt, no SQL)."""
