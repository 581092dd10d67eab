"""Every mistake a person can cause carries a code, so that the app can say it in their language.

The test reads the source with `ast`: each `raise X(...)` where X is a `UserError` (or a subclass
from `assessment/errors.py`) must pass `code=`, and every code must have its words in English, German
and Russian in `assessment/locales/errors.yaml`, with the details the words need.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from assessment import i18n

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assessment"
ERRORS = PACKAGE / "errors.py"

# Raised without a code on purpose:
# CatalogError lists located file problems (file:line:column) for the command; the app shows them as they are.
# _Parser.error reports argparse's usage mistakes, which happen only on the command line.
EXEMPT_CLASSES = {"CatalogError"}
EXEMPT_FUNCTIONS = {("cli/__init__.py", "_Parser.error")}

# A code written as an f-string, and the values its placeholder takes (candidates.clean_name).
FSTRING_CODES = {"{what}_name_empty": ("candidate", "round"), "{what}_name_long": ("candidate", "round")}


def _user_errors() -> tuple[set[str], set[str]]:
    """The UserError classes of assessment/errors.py, and those of them that set their own code."""
    tree = ast.parse(ERRORS.read_text(encoding="utf-8"))
    bases = {node.name: [b.id for b in node.bases if isinstance(b, ast.Name)]
             for node in tree.body if isinstance(node, ast.ClassDef)}

    def is_user_error(name: str) -> bool:
        return name == "UserError" or any(is_user_error(base) for base in bases.get(name, []))

    classes = {name for name in bases if is_user_error(name)}
    own_code = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in classes:
            for init in node.body:
                if isinstance(init, ast.FunctionDef) and init.name == "__init__" and any(
                    isinstance(call, ast.Call) and any(k.arg == "code" for k in call.keywords)
                    for call in ast.walk(init)
                ):
                    own_code.add(node.name)
    return classes, own_code


USER_ERRORS, OWN_CODE = _user_errors()


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _error_names(module: str, tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Names bound to UserError classes in `tree`, and names bound to the errors module itself."""
    names = {name: name for name in USER_ERRORS} if module == "errors.py" else {}
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = (node.module or "").rsplit(".", 1)[-1] if node.level else node.module
            for alias in node.names:
                if source in ("assessment.errors", "errors") and alias.name in USER_ERRORS:
                    names[alias.asname or alias.name] = alias.name
                elif alias.name == "errors" and (node.module == "assessment" or node.level):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {alias.asname for alias in node.names if alias.name == "assessment.errors" and alias.asname}
    return names, modules


def _functions(tree: ast.Module):
    """(qualified function name, node) for every function, methods as Class.method."""
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{prefix}{child.name}", child
                yield from walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")

    yield from walk(tree, "")


def raise_sites():
    """(module, line, class, call, function) of every `raise X(...)` with X a UserError class."""
    for module, tree in _modules():
        names, modules = _error_names(module, tree)
        owner = {}
        for function, node in _functions(tree):
            for inner in ast.walk(node):
                owner[id(inner)] = function  # the innermost function wins: walked after its parents
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            if isinstance(func, ast.Name) and func.id in names:
                cls = names[func.id]
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                  and func.value.id in modules and func.attr in USER_ERRORS):
                cls = func.attr
            else:
                continue
            yield module, node.lineno, cls, node.exc, owner.get(id(node), "")


def _module_dicts(tree: ast.Module) -> dict[str, ast.Dict]:
    return {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Dict) for target in node.targets if isinstance(target, ast.Name)}


def _codes(value: ast.expr, dicts: dict[str, ast.Dict]) -> list[str] | None:
    """The codes a `code=` expression can take; None when it is a plain variable (passed on from elsewhere)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        return (_codes(value.body, dicts) or []) + (_codes(value.orelse, dicts) or [])
    if isinstance(value, ast.JoinedStr):
        pattern = "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                          for part in value.values)
        assert pattern in FSTRING_CODES, f"say in FSTRING_CODES what the code {pattern!r} stands for"
        name = next(field for _, field, _, _ in string.Formatter().parse(pattern) if field)
        return [pattern.replace("{" + name + "}", what) for what in FSTRING_CODES[pattern]]
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id in dicts:
        return [v.value for v in dicts[value.value.id].values]
    return None


def codes_in_use() -> dict[str, list[str]]:
    """Every code the package passes as `code=` anywhere (a raise, or a helper that raises), with where."""
    found: dict[str, list[str]] = {}
    for module, tree in _modules():
        dicts = _module_dicts(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        for code in _codes(keyword.value, dicts) or []:
                            found.setdefault(code, []).append(f"{module}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_the_raise_sites():
    sites = list(raise_sites())
    assert len(sites) > 100
    assert {"UserError", "NotFound", "InvalidValue", "ProfileError", "InsufficientData"} <= {s[2] for s in sites}
    assert OWN_CODE >= {"InvalidToken", "Forbidden"} and "UserError" not in OWN_CODE


def test_every_user_error_raised_has_a_code():
    missing = [f"{module}:{line} {cls} in {function or 'the module'}"
               for module, line, cls, call, function in raise_sites()
               if cls not in OWN_CODE | EXEMPT_CLASSES and (module, function) not in EXEMPT_FUNCTIONS
               and not any(keyword.arg == "code" for keyword in call.keywords)]
    assert missing == [], "raise these with code= and the params their words need"


def test_the_exemptions_still_exist():
    functions = {(module, name) for module, tree in _modules() for name, _ in _functions(tree)}
    assert EXEMPT_FUNCTIONS <= functions
    assert EXEMPT_CLASSES <= USER_ERRORS


def test_every_code_has_its_words_in_every_language():
    texts = i18n.strings()
    used = codes_in_use()
    assert len(used) >= 80
    missing = sorted(f"{code} ({', '.join(where)})" for code, where in used.items() if f"error.{code}" not in texts)
    assert missing == [], "codes without a text in assessment/locales/errors.yaml"
    for code in used:
        words = texts[f"error.{code}"]
        assert all(isinstance(words.get(lang), str) and words[lang].strip() for lang in ("en", "de", "ru")), code
        assert placeholders(words["en"]) == placeholders(words["de"]) == placeholders(words["ru"]), code
    unused = sorted(key for key in texts if key.startswith("error.") and key.removeprefix("error.") not in used)
    assert unused == [], "texts no code uses"


def test_every_raise_passes_the_details_its_words_need():
    texts = i18n.strings()
    short = []
    for module, tree in _modules():
        dicts = _module_dicts(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):  # **params: not known
                continue
            given = {keyword.arg for keyword in node.keywords}
            for keyword in node.keywords:
                if keyword.arg == "code":
                    for code in _codes(keyword.value, dicts) or []:
                        needed = placeholders(texts[f"error.{code}"]["en"]) - given
                        if needed and not _passes_params_on(node):
                            short.append(f"{module}:{node.lineno} {code} lacks {sorted(needed)}")
    assert short == []


def _passes_params_on(call: ast.Call) -> bool:
    """A call to a helper such as _raise_outside(..., code=..., bound=...) that adds the rest itself."""
    return not (isinstance(call.func, ast.Name) and call.func.id in USER_ERRORS)


@pytest.mark.parametrize("lang, words", [("de", "Cronbachs Alpha braucht mindestens 2 Items; vorhanden sind: 1."),
                                         ("ru", "Для альфы Кронбаха нужно не меньше двух пунктов; сейчас их: 1.")])
def test_a_statistics_error_reaches_the_reader_translated(lang, words):
    import pandas as pd

    from assessment.errors import InsufficientData
    from assessment.psychometrics.reliability import cronbach_alpha

    with pytest.raises(InsufficientData) as caught:
        cronbach_alpha(pd.DataFrame({"q1": [1, 2, 3]}))
    assert str(caught.value) == "alpha needs at least 2 items, got 1", "the English message is unchanged"
    assert i18n.error_text(caught.value, lang) == words


# Params that once carried English into German and Russian words: a place ("candidate c5, strategy"),
# a library's reason, the system's error text. Their facts now go in as ids and numbers, or as a code.
ENGLISH_PARAMS = {"where", "detail", "reason"}


def test_no_error_words_take_english_text_from_the_code():
    texts = i18n.strings()
    carrying = sorted(key for key, words in texts.items() if key.startswith("error.")
                      and placeholders(words["en"]) & ENGLISH_PARAMS)
    assert carrying == [], "word the detail in errors.yaml; pass ids and numbers only"
