"""The register's numbers: each handed out once, even to two visits at once."""

import threading

import pytest
from django.db import connection, connections, transaction

from madoguchi.register.models import Household, Resident
from madoguchi.register.numbers import NumberBook, is_valid_juminhyo_code
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory


@pytest.mark.django_db
def test_two_books_opened_together_give_different_numbers() -> None:
    # Two visits each open a book before either has saved its household: the
    # second must not take the number the first has just saved.
    first_book, second_book = NumberBook(), NumberBook()

    first = next(first_book.households())
    HouseholdFactory(setai_number=first)
    second = next(second_book.households())

    assert second != first
    assert not Household.objects.filter(setai_number=second).exists()


@pytest.mark.django_db
def test_numbers_follow_the_highest_in_the_register_and_are_never_reused() -> None:
    highest = ResidentFactory(atena_number="0000000500")

    code, atena = next(NumberBook().residents())
    assert atena == "0000000501"
    assert is_valid_juminhyo_code(code)

    # The resident is removed (an entry made by mistake): 501 stays used.
    Resident.objects.filter(pk=highest.pk).delete()
    assert next(NumberBook().residents())[1] == "0000000502"


@pytest.mark.django_db
def test_a_block_reserves_numbers_that_no_other_book_takes() -> None:
    seeding = NumberBook(block=10).households()
    taken = [next(seeding) for _ in range(3)]

    counter = next(NumberBook().households())

    assert counter not in taken
    assert int(counter) == int(taken[0]) + 10


@pytest.mark.django_db(transaction=True)
def test_two_move_ins_completed_at_once_both_get_a_household() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite runs one writing transaction at a time (IMMEDIATE mode), so "
            "two completions cannot overlap there; this race exists on PostgreSQL."
        )
    # Both transactions have started and opened their book before either
    # takes a number: the moment the old book read the highest number twice.
    together = threading.Barrier(2, timeout=10)
    saved: list[str] = []
    failed: list[BaseException] = []

    def complete_a_move_in() -> None:
        try:
            with transaction.atomic():
                Household.objects.count()
                book = NumberBook()
                together.wait()
                number = next(book.households())
                HouseholdFactory(setai_number=number)
            saved.append(number)
        except BaseException as error:  # reported below, in the test's thread
            failed.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete_a_move_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert failed == []
    assert len(set(saved)) == 2
    assert Household.objects.filter(setai_number__in=saved).count() == 2
