"""Manager types: placeholder removed once the typing module lands (see issue 5)."""
