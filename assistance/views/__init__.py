"""Staff pages of the hardship ledger (urls.py) and the public help request
(urls_public.py), one module per concern."""
