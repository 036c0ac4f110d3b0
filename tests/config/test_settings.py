"""The embedded SQLite default under concurrent writers (the development
server and the in-process schedule's threads)."""

import threading

from django.db.utils import ConnectionHandler, OperationalError

from config.settings import SQLITE_OPTIONS


def _embedded_sqlite(path):
    return ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": SQLITE_OPTIONS}}
    )


def _in_transaction(connection, work):
    # What transaction.atomic() does on SQLite, on a connection outside django.db.connections.
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        work(connection.cursor())
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.set_autocommit(True)
        connection.close()


def test_two_transactions_that_read_then_write_at_once_both_commit(tmp_path, django_db_blocker):
    handler = _embedded_sqlite(tmp_path / "db.sqlite3")
    with django_db_blocker.unblock():
        with handler["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE runs (name TEXT)")
        handler["default"].close()

        first_has_read = threading.Event()
        second_started = threading.Event()
        errors: list[Exception] = []

        def first(cursor):
            cursor.execute("SELECT count(*) FROM runs")
            first_has_read.set()
            # Let the second writer in between this read and the write below.
            second_started.wait(timeout=1)
            cursor.execute("INSERT INTO runs VALUES ('first')")

        def second(cursor):
            second_started.set()
            cursor.execute("SELECT count(*) FROM runs")
            cursor.execute("INSERT INTO runs VALUES ('second')")

        def run(work, before=None):
            if before:
                before.wait(timeout=5)
            try:
                _in_transaction(handler["default"], work)
            except OperationalError as error:
                errors.append(error)

        threads = [
            threading.Thread(target=run, args=(first,)),
            threading.Thread(target=run, args=(second, first_has_read)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert errors == []
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT name FROM runs ORDER BY name")
            assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
        handler["default"].close()
