"""How people are named in pickers (`assessment.candidates.person_labels`)."""

from __future__ import annotations

from assessment.candidates import person_labels


def test_a_unique_name_stands_alone_and_namesakes_are_told_apart():
    labels = person_labels([(1, "Alex Kim", "alex@example.org"), (2, "alex kim", None), (3, "Sam Lee", None),
                            (4, "Alex Kim", float("nan"))])  # a missing address from a table is NaN
    assert labels == {1: "Alex Kim · alex@example.org", 2: "alex kim · #2", 3: "Sam Lee", 4: "Alex Kim · #4"}
    assert len(set(labels.values())) == len(labels)


def test_namesakes_with_one_address_get_their_numbers():
    labels = person_labels([(5, "Ann Lee", "ann@example.org"), (6, "Ann Lee", "ANN@example.org")])
    assert labels == {5: "Ann Lee · #5", 6: "Ann Lee · #6"}
