"""Text messages to residents, by approved template (docs/messaging.md).

- `templates`: every template the portal sends, with its parameters and text;
- `gateways`: the one interface to a provider, and the console, file and
  database-outbox gateways;
- `aliyun`, `tencent`: Alibaba Cloud and Tencent Cloud SMS over their signed
  HTTP APIs;
- `rules`: quiet hours and the per-number daily cap (policy parameters).

Writes (queue, send, consent, opt-out, delivery reports) are in
stations/services/messaging.py; reads in stations/selectors/messaging.py.
"""
