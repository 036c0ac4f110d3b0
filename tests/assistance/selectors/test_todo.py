from assistance import selectors


def test_todo_lists_my_overdue_and_new_cases(make_case, community_staff):
    overdue = make_case(opened_days_ago=120)
    new = make_case(opened_days_ago=2)
    todo = selectors.todo_for(user=community_staff)
    assert [i.case.pk for i in todo["overdue"]] == [overdue.pk]
    assert [i.case.pk for i in todo["new_cases"]] == [new.pk]
