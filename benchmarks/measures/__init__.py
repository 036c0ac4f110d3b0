"""The figures of `manage.py bench`, each paired with a limit measured in the
same run on the same machine: what the product does, against the least any
implementation must do for the same result. The ratio is what is reported
and held to the targets of the city-scale plan; absolute times on a shared
machine are noise.

Writes of the product's services are made inside a transaction that is
rolled back; pages are served in autocommit, as in production, and the rows
they commit (sessions, audit entries, the accounts made for the run) are
removed after each figure (`nothing_left_behind`). The command counts every
table's rows before and after the run and reports any difference.

One module per concern: `results` (a figure's line and the JSON), `timing`,
`hygiene` (statistics first, nothing left behind), `subjects` (what the
figures are measured on), a module per figure or group of figures
(`reports`, `exports`, `imports`, `reminders`, `matching`, `pages`,
`throughput`), `serving` (pages served in process), and `runner` (the
figures by name, and one figure's run as the command makes it).
"""
