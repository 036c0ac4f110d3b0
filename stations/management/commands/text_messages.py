"""Where text messages to residents go, and the templates to register.

manage.py text_messages              # the gateway, and where the console gateway writes
manage.py text_messages --templates  # every template, in Alibaba Cloud's and Tencent Cloud's syntax
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from stations.messaging.gateways import ConsoleGateway, get_gateway, text_message_file
from stations.messaging.templates import TEMPLATES


class Command(BaseCommand):
    help = "Show where text messages to residents go, or (--templates) the templates to register with the provider."

    def add_arguments(self, parser):
        parser.add_argument("--templates", action="store_true", help="list every template with its parameters")

    def handle(self, *args, **options):
        if options["templates"]:
            for template in TEMPLATES.values():
                template_id = settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS.get(template.code, "(not registered)")
                self.stdout.write(f"{template.code}  [{template_id}]  {template.purpose}")
                self.stdout.write(f"  parameters: {', '.join(template.params)}")
                self.stdout.write(f"  Alibaba Cloud: {template.aliyun_text()}")
                self.stdout.write(f"  Tencent Cloud: {template.tencent_text()}")
                self.stdout.write(f"  English:       {template.text_en}")
            return
        gateway = get_gateway()
        if isinstance(gateway, ConsoleGateway):
            self.stdout.write(
                f"Text messages to residents reach no phone here: they are written to {text_message_file()} "
                "(PORTAL_TEXT_MESSAGE_GATEWAY, docs/messaging.md)."
            )
        else:
            self.stdout.write(f"Text messages to residents go through {settings.PORTAL_TEXT_MESSAGE_GATEWAY}.")
