"""City-sized synthetic data for `seed_demo --scale city` (and `city500k`).

Two profiles (`profiles.PROFILES`). `city` is Zaozhuang at its real size: a
labour-resource register of 2,000,000 working-age people, 8,000,000 service
records over three years, 150,000 open assistance cases, 30,000 employers,
50,000 live postings and 500,000 expired ones, 300,000 training enrolments.
`city500k` is the data of the earlier runs (500,000 residents), kept so that
`make bench` can compare each figure across the two sizes. Both have 6
districts, 65 streets and 2,400 communities with a station each.

Written in bulk (PostgreSQL COPY of plain tuples for the big tables, no
save() per row), deterministic for a seed, skewed like a real city (a few
communities far busier than most, capped), histories over three years. Each
step tops up to its size, so a second run adds nothing. The run ends with
VACUUM (ANALYZE), so the first query plans see real statistics.

One module per concern: `profiles` (the sizes), `writer` (COPY and the other
bulk helpers), `base` (the generator's state and the people it draws from),
a module per step (`region`, `residents`, `service_records`, `postings`,
`cases`, `training`, `enrolments`, `businesses`, `subsidies`), and
`generator` (the steps in order, and `seed_city`, the seeder of `seed_demo`).
"""
