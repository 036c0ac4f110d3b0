"""System checks of the deployment that the settings module leaves to run time."""

import sys

from django.core.checks import Error, register

from config.env import SECRET_KEY_MISSING, secret_key_is_set

# Commands that only write source files (migrations, catalogues) sign nothing:
# they run on a bare checkout, where no secret key is set.
KEYLESS_COMMANDS = frozenset({"makemigrations", "makemessages", "compilemessages"})


@register()
def secret_key_check(app_configs, **kwargs):
    if secret_key_is_set() or sys.argv[1:2] and sys.argv[1] in KEYLESS_COMMANDS:
        return []
    return [Error(SECRET_KEY_MISSING, id="stations.E001")]
