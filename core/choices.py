"""Labels of model choices."""


def choice_label(choices, value):
    """The label of `value`, one of `choices` (a TextChoices class), as get_FOO_display() gives
    it. That one hashes, so translates, every label of the field to find one: the registry
    shows some 60 councils, a council page some 50 settlements. A value that is no choice is
    returned as it is, as get_FOO_display() does."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
