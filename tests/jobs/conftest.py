import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """The public form's rate limit counts in the cache; each test starts at zero."""
    cache.clear()
    yield
    cache.clear()
