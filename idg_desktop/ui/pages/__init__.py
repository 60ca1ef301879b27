"""The pages of the workshop window, one per step of the IDG process."""
