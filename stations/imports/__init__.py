"""Resident ledger import (居民台账导入): see services.py for the flow."""
