"""The rule catalogue, installed as `jdlint.rules`: one module per rule family.

A rule is a decorated generator over a page's model; its docstring is its documentation, shown by
`jdlint explain CODE` and in the README's rule table. To add one, copy a neighbour.
"""

from jdlint.rules import encoding, grades, ladders, placeholders, policy, reporting, structure, tool, wording  # noqa: F401  (importing registers them)
