"""Manager competency assessment: catalogs, a store, scores, statistics, manager types, charts, exports.

The packages, from the bottom layer up (an import only points down; `import-linter` checks it):

- `catalog`, `store`: the competency catalogs and the database.
- `scoring`, `psychometrics`, `manager_types`: numbers from answers and ratings.
- `results`, `charts`, `exchange`: a round computed, its figures, and what goes in and out of the app.
- `ui`, `cli`: the Streamlit pages and the `assessment` command.

`errors` and `i18n` serve every layer.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
