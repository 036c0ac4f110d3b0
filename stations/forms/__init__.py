"""Forms of the base app, one module per area (stations, residents...)."""
