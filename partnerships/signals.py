"""Receivers that keep partnership records in step with other apps' writes
(jobs does not know this app exists)."""
