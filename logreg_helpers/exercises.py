"""Checks for the exercises: run your function, say whether it is right, and if not, why.

In a notebook::

    from logreg_helpers import exercises as ex

    def sigmoid(z):
        ...                      # your code

    ex.check_sigmoid(sigmoid)    # the next cell

Each ``check_NAME(function)`` calls ``function`` on a few small fixed cases
(the lecture's shapes, b ≠ 0, one example, one feature, saturating z, ...),
compares what it returns with the right answer, and prints ONE verdict:

* "All checks passed: ...", or
* "NAME: not done yet. ..." while the function is still the stub, or
* "NAME: not right yet." with what is wrong, the case that shows it
  (inputs, expected, got) and a hint that names the mistake and says where to
  look, never the code of the answer.

It returns True or False and never raises, whatever the function does: raise,
return None, return the wrong type or shape, print, change its arguments, or
run for ever (it is stopped after ``TIME_LIMIT`` seconds where the system
allows it). What the function prints is kept out of the verdict. A mistake the
checks know by name is recognised by computing what that mistake would return
on every case and finding the function's results equal to it.

The exercises (same signatures as the module's functions of the same name):

=========================================  =========================  ===============
you write                                  returns                    check
=========================================  =========================  ===============
``sigmoid(z)``                             same shape as z            check_sigmoid
``one_example(x, w, b, y)``, x, w tuples   (z, a, L, dz, dw, db)      check_one_example
``gradients_loop(w, b, X, Y)``             (J, dw, db)                check_gradients_loop
``update(w, b, dw, db, alpha)``            (w, b)                     check_update
``forward(w, b, X)``                       (Z, A), both (1, m)        check_forward
``gradients(w, b, X, Y)``                  (J, dw, db)                check_gradients
``train(X, Y, alpha, iterations)``         (w, b, costs), from zeros  check_train
``predict(w, b, X)``                       (1, m) of 0 and 1          check_predict
``standardize(X, mean=None, std=None)``    (X_std, mean, std)         check_standardize
``accuracy(w, b, X, Y)``                   a number in [0, 1]         check_accuracy
=========================================  =========================  ===============

What counts as right
--------------------
Values within a relative 1e-6 (absolute 1e-9) of the right answer, so any
correct way of writing it passes: loops or vectorized, ``np.dot`` or ``@``,
``1 / (1 + np.exp(-z))`` or a numerically stable sigmoid, ``np.sum(...) / m``
or ``np.mean``. Numbers (J, b, db, z, a, L, ...) may be Python floats, numpy
scalars or 0-d arrays; a 1-by-1 array is reported, because it breaks
printing and spreads into b. dw must have w's shape (n_x, 1). ``predict`` may
return ints, floats or booleans. numpy's warnings are silenced during your
call, so the textbook sigmoid, which overflows (harmlessly) for z < -709,
passes. The gradient checks' large-|z| case compares dw and db but not J: the
textbook cost loses its digits there, and is nan beyond |z| ≈ 37 (notebook 03
explains why and what to do).

"Not done yet": how an unsolved notebook still runs
---------------------------------------------------
In the student edition every exercise is a stub whose body is::

    # YOUR CODE HERE
    return ex.not_done_yet("sigmoid", z)

:func:`not_done_yet` does two different things. Inside a check it raises
:class:`NotDoneYet`, and the check prints "not done yet". Anywhere else (the
later cells that use your function) it returns what the module's worked
version returns, and prints once per cell "(sigmoid is not done yet: this
cell used the worked version from logreg_helpers.)". So a notebook runs top
to bottom before you have written anything, says so where it matters, and
each cell switches to your code the moment you replace that line.

The two editions
----------------
The teaching notebooks hold the solutions between nbgrader's marker lines
``### BEGIN SOLUTION`` and ``### END SOLUTION``, inside the exercise's ``def``,
with ``ex.check_NAME(NAME)`` in the next code cell. ``make exercises`` (the
script ``scripts/make_exercises.py``, whose docstring gives the full
convention) writes the student edition to ``notebooks/exercises/``, with the
stub above in place of each solution.

Adding an exercise
------------------
Write its cases, its expected answer, how to read the function's result
(``_read_...``: a dict of named values, or ``_Wrong`` with a hint for a wrong
type or shape), the mistakes it should recognise (``_Slip``: a hint and a
model of what the mistake returns), and its worked version in ``_WORKED``;
then a three-line ``check_NAME``. Add every mistake, written as a student
would write it, to the table in ``tests/test_exercises.py``.
"""

import contextlib
import copy
import io
import math
import os
import signal
import sys
import threading
import traceback
import types
import warnings
from dataclasses import dataclass

import numpy as np

from . import data, loop, numerics, vectorized

_forward, _gradients, _predict = vectorized.forward, vectorized.gradients, vectorized.predict
_train, _update = vectorized.train, vectorized.update
_gradients_loop, _loss, _sigmoid = loop.gradients_loop, numerics.loss, numerics.sigmoid
_standardize = data.standardize

__all__ = [
    "TIME_LIMIT",
    "NotDoneYet",
    "check_accuracy",
    "check_forward",
    "check_gradients",
    "check_gradients_loop",
    "check_one_example",
    "check_predict",
    "check_sigmoid",
    "check_standardize",
    "check_train",
    "check_update",
    "not_done_yet",
]

TIME_LIMIT = 10.0  # seconds one call of your function may take on a small case
RTOL, ATOL = 1e-6, 1e-9


# --------------------------------------------------------------------------------------
# "Not done yet"
# --------------------------------------------------------------------------------------


class NotDoneYet(NotImplementedError):
    """Raised by a stub while a check runs it: the exercise ``name`` is not written yet."""

    def __init__(self, name):
        super().__init__(f"{name} is not done yet")
        self.name = name


_checking = 0  # > 0 while a check is calling a student's function
_noted = set()  # (name, cell) pairs that already printed their note


def _running_cell():
    """Which run of which notebook cell (or script) is running now, as a hashable key.

    The file name Jupyter compiles the cell under (one per cell source), with
    the execution count (one per run). Neither alone is enough: nbval runs
    every cell with the same count, and a cell run twice keeps its file name.
    """
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    try:
        from IPython import get_ipython
    except ImportError:
        count = None
    else:
        count = getattr(get_ipython(), "execution_count", None)
    return (None if frame is None else frame.f_code.co_filename), count


def not_done_yet(name, *args, **kwargs):
    """The body of an exercise's stub in the student edition.

    Inside a check it raises :class:`NotDoneYet`, so the check says "not done
    yet". Elsewhere it prints a note (once per cell) and returns what the
    module's worked version of ``name`` returns for these arguments, so the cells
    that use the exercise keep running.
    """
    if _checking or name not in _WORKED:
        raise NotDoneYet(name)
    key = (name, _running_cell())
    if key not in _noted:
        _noted.add(key)
        print(f"({name} is not done yet: this cell used the worked version from logreg_helpers.)")
    return _WORKED[name](*args, **kwargs)


# --------------------------------------------------------------------------------------
# Running a student's function safely
# --------------------------------------------------------------------------------------


class _TimeUp(BaseException):
    """The function ran past TIME_LIMIT. A BaseException, so `except Exception` cannot eat it."""


def _stop(signum, frame):
    raise _TimeUp


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the code inside after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    armed = False
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        try:
            previous = signal.signal(signal.SIGALRM, _stop)
            armed = True
        except ValueError:
            pass
    if not armed:
        yield
        return
    # keeps firing every half second, in case the code catches the first one with a bare except
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


@dataclass
class _Case:
    label: str  # what the case tests, in words
    args: tuple
    names: tuple = ()  # the argument names, filled in by the exercise
    skip: frozenset = frozenset()  # results not compared in this case


@dataclass
class _Run:
    result: object = None
    error: BaseException = None
    printed: str = ""
    changed: tuple = ()  # names of the arguments the function modified


def _unchanged(before, after):
    """Whether ``after``, the copy of the argument ``before`` the function got, is as it was."""
    if not isinstance(before, np.ndarray):
        return True  # numbers, tuples and None cannot be modified in place
    return np.array_equal(before, after)  # False for another shape too


def _call(function, case):
    """Call ``function`` on a copy of the case's arguments; catch everything it does."""
    global _checking
    args = copy.deepcopy(case.args)
    printed = io.StringIO()
    run = _Run()
    _checking += 1
    try:
        with (
            contextlib.redirect_stdout(printed),
            contextlib.redirect_stderr(printed),
            np.errstate(all="ignore"),
            warnings.catch_warnings(),
            _time_limit(TIME_LIMIT),
        ):
            warnings.simplefilter("ignore")
            run.result = function(*args)
    except (_TimeUp, SystemExit, Exception) as error:
        run.error = error
    finally:
        _checking -= 1
    run.printed = printed.getvalue()
    run.changed = tuple(
        name for name, before, after in zip(case.names, case.args, args)
        if not _unchanged(before, after)
    )
    return run


# --------------------------------------------------------------------------------------
# Reading results, comparing, showing
# --------------------------------------------------------------------------------------


class _Wrong(Exception):
    """The result has the wrong type or shape: ``what`` is wrong, ``hint`` says where to look."""

    def __init__(self, what, hint):
        super().__init__(what)
        self.what, self.hint = what, hint


@dataclass
class _Slip:
    """A known mistake: ``model(*args)`` returns what code with that mistake returns."""

    hint: str
    model: object
    show: tuple = ()  # the results that show the mistake best; default: the first wrong ones


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"{type(value).__name__} {_short(value)}"


def _short(value, limit=120):
    try:
        text = repr(value)
    except Exception:
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


SIZE1_HINT = (
    "A product such as np.dot or @ between a row and a column gives a 1-by-1 array, not a "
    "number; so does a sum with keepdims. A 1-by-1 array cannot be printed with "
    "f'{{J:.4f}}' and turns b into an array too. Turn it into a number (float(...) or "
    ".item()), or use a function that returns one, such as np.sum or np.mean of the whole row."
)


def _number(value, what, hint=SIZE1_HINT):
    """A number (int, float, numpy scalar or 0-d array) as a float; _Wrong otherwise."""
    if isinstance(value, (bool, np.bool_)):
        raise _Wrong(f"{what} should be a number, but it is {bool(value)}, a boolean.",
                     "Look at what your function returns in that position.")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        if value.ndim == 0:
            return float(value)
        if value.size == 1:
            raise _Wrong(f"{what} should be a single number, but it is an array of shape "
                         f"{value.shape} holding one number.", hint)
        raise _Wrong(f"{what} should be a single number, but it is an array of shape "
                     f"{value.shape}.", None)
    raise _Wrong(f"{what} should be a number, but it is {_describe(value)}.",
                 "Look at what your function returns in that position.")


def _array(value, what, shape, hints=None):
    """A float array of exactly ``shape``; _Wrong with the matching hint otherwise."""
    if not isinstance(value, np.ndarray):
        if isinstance(value, (list, tuple)):
            raise _Wrong(f"{what} should be a numpy array of shape {shape}, but it is a "
                         f"{type(value).__name__}.",
                         "Build it with numpy (np.zeros, products, sums), not as a Python list.")
        raise _Wrong(f"{what} should be a numpy array of shape {shape}, but it is "
                     f"{_describe(value)}.", "Look at what your function returns in that position.")
    if value.dtype.kind not in "biuf":
        raise _Wrong(f"{what} should hold numbers, but its dtype is {value.dtype}.", None)
    if value.shape != shape:
        hint = (hints or {}).get(value.shape)
        raise _Wrong(f"{what} should have shape {shape}, but it has shape {value.shape}.", hint)
    return value.astype(float)


def _tuple(result, names):
    """The result split into len(names) values; _Wrong if it is not such a tuple."""
    n = len(names)
    listed = "(" + ", ".join(names) + ")"
    if isinstance(result, np.ndarray) or not hasattr(result, "__iter__") or isinstance(result, str):
        raise _Wrong(f"It should return {n} values, {listed}, but it returned "
                     f"{_describe(result)}.",
                     f"End the function with one return statement that lists all {n}, "
                     "separated by commas.")
    try:
        values = tuple(result)
    except Exception:
        values = ()
    if len(values) != n:
        raise _Wrong(f"It should return {n} values, {listed}, but it returned {len(values)}.",
                     f"Return all {n}, in that order.")
    return values


def _close(got, expected, rtol=RTOL, atol=ATOL):
    try:
        got = np.asarray(got, dtype=float)
        expected = np.asarray(expected, dtype=float)
        return got.shape == expected.shape and bool(
            np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
        )
    except Exception:
        return False


def _agrees(got, expected, skip=frozenset()):
    """Every result in ``expected`` but those in ``skip`` is close; never for no ``expected``."""
    return expected is not None and all(
        _close(got[k], expected[k]) for k in expected if k not in skip)


def _fmt(value, prefix=""):
    """``prefix`` followed by ``value``, short and readable; arrays line up under ``prefix``."""
    if isinstance(value, (float, np.floating)):
        return prefix + _float(value)
    if isinstance(value, np.generic):  # a numpy bool or int, written as Python writes it
        return prefix + repr(value.item())
    if isinstance(value, np.ndarray):
        text = np.array2string(value, separator=", ", prefix=prefix,
                               formatter={"float_kind": _float})
        return prefix + text
    if isinstance(value, (tuple, list)) and len(value) <= 20:
        inner = ", ".join(" ".join(_fmt(v).split()) for v in value)
        if isinstance(value, list):
            return prefix + "[" + inner + "]"
        return prefix + "(" + inner + ("," if len(value) == 1 else "") + ")"
    return prefix + _short(value)


def _float(v):
    """Six significant digits, still written as a float: 2.0, 0.545993, 1e-300."""
    return repr(float(f"{v:.6g}"))


def _printed_note(printed, failing):
    lines = printed.rstrip("\n").splitlines()
    if not lines:
        return []
    if failing:
        shown = ["Your function printed this on that case:"]
        shown += ["    " + line[:100] for line in lines[:5]]
        if len(lines) > 5:
            shown.append(f"    ... ({len(lines) - 5} more not shown)")
        return shown
    return [f"(Your function printed {len(lines)} line{'s' * (len(lines) > 1)} while it was "
            "checked, not shown here.)"]


def _sizes(case):
    """n_x and m of a case with an X, for the hints; none for a case without."""
    sizes = {}
    for name, value in zip(case.names, case.args):
        if name == "X":
            sizes["n_x"], sizes["m"] = np.shape(value)
    return sizes


# --------------------------------------------------------------------------------------
# The judge
# --------------------------------------------------------------------------------------


@dataclass
class _Exercise:
    name: str
    arg_names: tuple
    returns: str  # what it returns, in words, for messages
    cases: list
    expected: object  # (*args) -> dict of named results
    read: object  # (result, case) -> dict of named results, or raises _Wrong
    slips: tuple = ()
    field_hints: dict = None
    covers: str = ""
    errors: object = None  # (error, case) -> hint or None, for known exceptions
    also_right: tuple = ()  # models of other answers that are right too
    after_slips: object = None  # (what it returned, read) -> (what, hint) or None


def _judge(ex, function):
    """(passed, lines of the verdict)."""
    if not callable(function):
        return False, [
            f"check_{ex.name} needs your function itself: write check_{ex.name}({ex.name}), "
            f"with no parentheses after {ex.name}. You gave it {_describe(function)}."
        ]
    for case in ex.cases:
        case.names = ex.arg_names[: len(case.args)]
    runs = []
    for case in ex.cases:
        run = _call(function, case)
        runs.append((case, run))
        if isinstance(run.error, _TimeUp):
            break

    for _, run in runs:
        if isinstance(run.error, NotImplementedError):
            return False, _not_done(ex, run.error)
    for case, run in runs:
        if run.error is not None:
            what, hint = _explain_error(ex, case, run.error)
            return False, _report(ex, case, run, what, hint)
    for case, run in runs:
        if run.changed:
            return False, _report(ex, case, run, *_changed(run.changed))
    got = []
    for case, run in runs:
        if run.result is None:
            return False, _report(
                ex, case, run, "It returned None.",
                "A function without a return statement returns None. End yours with "
                f"return, followed by {ex.returns}.")
        try:
            got.append(ex.read(run.result, case))
        except _Wrong as wrong:
            return False, _report(ex, case, run, wrong.what, wrong.hint, got=run.result)
        except Exception:  # something so odd that reading it fails
            return False, _report(ex, case, run, f"It returned {_describe(run.result)}, which "
                                  f"is not {ex.returns}.", None, got=run.result)

    with np.errstate(all="ignore"):
        expected = [ex.expected(*case.args) for case in ex.cases]
        right = [
            _agrees(g, e, c.skip) or any(_agrees(g, _model(m, c), c.skip) for m in ex.also_right)
            for g, e, c in zip(got, expected, ex.cases)
        ]
        if all(right):
            lines = [f"All checks passed: {ex.name} is right on all {len(ex.cases)} cases "
                     f"({ex.covers})."]
            printed = "".join(run.printed for _, run in runs)
            return True, lines + _printed_note(printed, failing=False)

        k = right.index(False)
        case, run = runs[k]
        wrong = [f for f in expected[k] if f not in case.skip and not _close(got[k][f],
                                                                           expected[k][f])]
        what = _what_differs(wrong, [f for f in expected[k] if f not in case.skip])
        for slip in ex.slips:
            if all(_agrees(g, _model(slip.model, c), c.skip) for g, c in zip(got, ex.cases)):
                shown = [f for f in slip.show if f in wrong] or wrong
                return False, _report(ex, case, run, what, slip.hint, shown, expected[k], got[k])
        if ex.after_slips is not None:
            found = ex.after_slips(got[k])
            if found:
                return False, _report(ex, case, run, found[0], found[1], wrong, expected[k],
                                      got[k])
        hint = " ".join((ex.field_hints or {}).get(f, "") for f in wrong).strip()
        return False, _report(ex, case, run, what, hint or None, wrong, expected[k], got[k])


def _model(model, case):
    try:
        return model(*case.args)
    except Exception:
        return None  # a model that cannot run on this case matches nothing


def _what_differs(wrong, compared):
    right = [f for f in compared if f not in wrong]
    text = _join(wrong) + (" is" if len(wrong) == 1 else " are") + " not right"
    if right:  # then there are two or more
        text += f" ({_join(right)} {'is' if len(right) == 1 else 'are'})"
    return text + "."


def _join(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _not_done(ex, error):
    other = getattr(error, "name", ex.name)
    if other != ex.name:
        return [f"{ex.name}: not done yet: it calls {other}, which is not done yet. "
                f"Finish {other} first (or call the module's version, lh.{other}, for now)."]
    if isinstance(error, NotDoneYet):
        return [f"{ex.name}: not done yet. In the cell that defines {ex.name}, replace the line "
                f"`return ex.not_done_yet(...)` with your code, run that cell, then run this "
                "check again."]
    return [f"{ex.name}: not done yet (it raises NotImplementedError). Write your code in place "
            "of that line, run the cell, then run this check again."]


def _changed(names):
    name = names[0]
    return (
        f"It changed its argument {name}: after the call, the caller's {name} no longer holds "
        "what was passed in.",
        f"Your function must leave its inputs alone and return new values. An in-place "
        f"operator ({name} -= ..., {name} += ..., {name} *= ...) or an assignment into "
        f"{name}[...] writes into the caller's array; {name} = {name} - ... makes a new one.",
    )


def _where(error):
    """The line of the student's code where ``error`` happened, if it can be found."""
    skip = (os.path.dirname(np.__file__), os.path.dirname(os.__file__),
            os.path.dirname(os.path.abspath(__file__)))
    try:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.line and not os.path.abspath(frame.filename).startswith(skip):
                return frame.line.strip()
    except Exception:
        pass
    return None


def _explain_error(ex, case, error):
    """(what happened, hint) for an exception raised by the student's function."""
    if isinstance(error, _TimeUp):
        seconds = f"{TIME_LIMIT:g} second{'s' * (TIME_LIMIT != 1)}"
        what = f"It did not finish within {seconds}, on a small case; it was stopped."
        hint = ("An endless loop? Check that every while loop changes what its condition "
                "tests, and that a for loop runs over range(m) or range(n_x), not over something "
                "that keeps growing.")
    else:
        message = str(error).splitlines()[0] if str(error) else ""
        what = f"It raised {type(error).__name__}: {message}"
        hint = (ex.errors(error, case) if ex.errors else None) or _common_error_hint(error, case)
    line = _where(error)
    if line:
        what += f"\nIt stopped at this line of your code:  {line}"
    return what, hint


def _common_error_hint(error, case):
    message = str(error)
    sizes = _sizes(case)
    if isinstance(error, TypeError) and "Cannot interpret" in message and "data type" in message:
        return ("np.zeros and np.ones take the shape as ONE argument, a tuple: two numbers in "
                "their own parentheses. Given two separate numbers, numpy reads the second one "
                "as the data type, and 1 is not a data type. That is why the message talks "
                "about data types and not about shapes.")
    if isinstance(error, TypeError) and "converted to Python scalars" in message:
        return ("Something that takes one number got a whole array: the functions of the math "
                "module (math.exp, math.log) and float() work on one number at a time. numpy's "
                "functions (np.exp, np.log) work element by element on whole arrays.")
    if isinstance(error, ValueError) and ("matmul" in message or "not aligned" in message):
        return ("The shapes in a matrix product do not fit: (p, q) @ (r, s) needs q = r and "
                "gives (p, s). Write the shape under each factor and check them. X is (n_x, m), "
                "w is (n_x, 1), Y, Z, A and dZ are (1, m).")
    if isinstance(error, ValueError) and "broadcast" in message:
        return ("Two arrays whose shapes do not fit were combined element by element. Print "
                "the shape of each operand: X is (n_x, m), w is (n_x, 1), Y, Z, A and dZ are "
                "(1, m).")
    if isinstance(error, IndexError) and "m" in sizes:
        return (f"An index ran past the end of an array. X has shape (n_x, m) = "
                f"({sizes['n_x']}, {sizes['m']}): the first index picks a feature (a row), the "
                "second an example (a column). Loops run over range(m) or range(n_x).")
    if isinstance(error, IndexError):
        return ("An index ran past the end of an array. Python counts from 0: the last entry "
                "of an array of length k is number k - 1.")
    if isinstance(error, NameError):
        return ("Your function uses a name that does not exist when it runs: a typo, or a "
                "variable defined in a cell that has not been run. Use only the arguments and "
                "what you compute from them.")
    if isinstance(error, ZeroDivisionError):
        return "Something divided by zero. Which number in the denominator can be 0 here?"
    if isinstance(error, OverflowError):
        return ("math.exp overflows (and raises) beyond about 709. np.exp returns inf instead, "
                "and 1 / (1 + inf) is 0, the right limit.")
    if isinstance(error, ValueError) and "math domain error" in message:
        return ("math.log got 0 or a negative number. Is the argument of each log a "
                "probability strictly between 0 and 1?")
    return ("Read the last line of the message, and the line of your code it stopped at. To "
            "see it yourself, call your function on the case above in a cell of its own.")


def _report(ex, case, run, what, hint, wrong=(), expected=None, got=None):
    lines = [f"{ex.name}: not right yet. {what}", f"The case that shows it: {case.label}."]
    for name, value in zip(case.names, case.args):
        lines.append(_fmt(value, f"    {name} = "))
    for f in wrong[:2]:
        lines.append(_fmt(expected[f], f"Expected  {f} = "))
        lines.append(_fmt(got[f], f"Got       {f} = "))
    if not wrong and got is not None:
        lines.append(_fmt(got, "Got: "))
    if hint:
        lines.append("Hint: " + hint.format(**_sizes(case)))  # {m} and {n_x}: this case's
    return lines + _printed_note(run.printed, failing=True)


def _check(ex, function):
    """Judge ``function``, print the verdict, return True or False. Never raises."""
    try:
        passed, lines = _judge(ex, function)
    except Exception as error:  # a bug in the checks, never the student's fault
        passed = False
        lines = [f"{ex.name}: the check itself failed ({type(error).__name__}: {error}). "
                 "Your function may well be right; please tell your teacher."]
    print("\n".join(lines))
    return passed


def _arr(rows):
    return np.array(rows, dtype=float)


def _col(values):
    return np.array(values, dtype=float).reshape(-1, 1)


# --------------------------------------------------------------------------------------
# sigmoid
# --------------------------------------------------------------------------------------


def _sigmoid_expected(z):
    return {"σ(z)": np.asarray(_sigmoid(z))}


def _read_sigmoid(result, case):
    z = case.args[0]
    if np.ndim(z) == 0:
        if isinstance(result, np.ndarray) and result.size == 1 and result.ndim > 0:
            raise _Wrong(f"For a single number it should return a number, but it returned an "
                         f"array of shape {result.shape}.",
                         "Apply the formula to z itself; do not wrap z or the result in a list "
                         "or an array.")
        return {"σ(z)": np.asarray(_number(result, "σ(z)"))}
    if isinstance(result, list):
        raise _Wrong("For an array it should return a numpy array of the same shape, but it "
                     "returned a list.",
                     "numpy's functions (np.exp) work element by element on a whole array; "
                     "there is no need to loop over its entries.")
    return {"σ(z)": _array(result, "σ(z)", np.shape(z))}


def _sigmoid_errors(error, case):
    if isinstance(error, TypeError) and np.ndim(case.args[0]) > 0:
        return ("Your sigmoid works on a single number but not on an array. The functions of "
                "the math module (math.exp) take one number at a time; numpy's (np.exp) work "
                "element by element, on a number or on a whole array of any shape.")
    return None


_SIGMOID = _Exercise(
    name="sigmoid",
    arg_names=("z",),
    returns="σ(z), the same shape as z",
    cases=[
        _Case("z = 0", (0.0,)),
        _Case("a positive z", (2.0,)),
        _Case("a negative z", (-3.0,)),
        _Case("a row of z values, shape (1, 5)", (_arr([[-2.0, -1.0, 0.0, 1.0, 2.0]]),)),
        _Case("a (2, 3) array", (_arr([[0.5, -0.5, 4.0], [-4.0, 10.0, -10.0]]),)),
        _Case("saturating z, far beyond ±37", (_arr([[-800.0, -40.0, 40.0, 800.0]]),)),
    ],
    expected=_sigmoid_expected,
    read=_read_sigmoid,
    errors=_sigmoid_errors,
    covers="numbers, arrays of any shape, saturating z",
    slips=(
        _Slip("Your sigmoid is the mirror image of σ: it gives 1 - σ(z), large for negative z "
              "and small for positive z. σ(2) should be above 0.5. Look at the sign of the "
              "exponent.",
              lambda z: {"σ(z)": _sigmoid(-z)}),
        _Slip("Some values are above 1, and a probability never is. Python divides before it "
              "adds: 1 / 1 + e is (1 / 1) + e. Put the whole denominator in parentheses.",
              lambda z: {"σ(z)": 1 + np.exp(-z)}),
        _Slip("At z = 0 your sigmoid divides by zero, and some values are negative. Look at "
              "the sign between the 1 and the exponential in the denominator.",
              lambda z: {"σ(z)": 1 / (1 - np.exp(-z))}),
        _Slip("Right for moderate z, but nan for large positive z: e^z overflows to inf there, "
              "and inf / inf is nan. Write it in a form that only ever needs e^(-z) for "
              "large positive z, which is tiny instead of huge (notebook 03 shows this).",
              lambda z: {"σ(z)": np.exp(z) / (1 + np.exp(z))}),
        _Slip("That is the derivative σ'(z) = σ(z)(1 - σ(z)), not σ(z) itself: its largest value "
              "is 0.25, at z = 0, where σ(0) = 0.5.",
              lambda z: {"σ(z)": _sigmoid(z) * (1 - _sigmoid(z))}),
        _Slip("Your sigmoid returns only 0 and 1: it rounds, or thresholds. σ(z) is a "
              "probability anywhere between 0 and 1; rounding it is predict's job, later.",
              lambda z: {"σ(z)": np.round(_sigmoid(z))}),
    ),
)


def check_sigmoid(sigmoid):
    """Check your ``sigmoid(z)``: numbers, arrays of any shape, saturating z. True if right."""
    return _check(_SIGMOID, sigmoid)


# --------------------------------------------------------------------------------------
# one_example
# --------------------------------------------------------------------------------------


def _one_example_model(x, w, b, y, *, bias=True, dz="a - y", dw="x", L_sign=1.0, L_terms=2):
    z = math.fsum(wj * xj for wj, xj in zip(w, x)) + (b if bias else 0.0)
    a = _sigmoid(z)
    if L_terms == 2:
        L = L_sign * _loss(z, y)
    else:  # only the y log a term
        L = L_sign * y * _loss(z, 1)
    dz = {"a - y": a - y, "y - a": y - a, "a(1 - a)": a * (1 - a),
          "da": -y / a + (1 - y) / (1 - a)}[dz]
    if dw == "x":
        dw = [xj * dz for xj in x]
    elif dw == "x1":
        dw = [x[0] * dz for _ in x]
    else:  # "w"
        dw = [wj * dz for wj in w]
    return {"z": z, "a": a, "L": L, "dz": dz, "dw": np.array(dw), "db": dz}


def _read_one_example(result, case):
    names = ("z", "a", "L", "dz", "dw", "db")
    values = dict(zip(names, _tuple(result, names)))
    out = {k: _number(values[k], k, "z, a, L, dz and db are plain numbers here: nothing in this "
                      "exercise needs an array.") for k in ("z", "a", "L", "dz", "db")}
    n_x = len(case.args[0])
    dw = values["dw"]
    if isinstance(dw, types.GeneratorType):
        raise _Wrong("dw should be a tuple with one number per weight, but it is a generator.",
                     "Round brackets around `x_j * dz for ...` make a generator, not a tuple: "
                     "it hands out its values once, to whoever asks first. Write tuple(...) "
                     "around it, or use square brackets for a list.")
    if isinstance(dw, (int, float, np.number)) or np.ndim(dw) == 0:
        raise _Wrong(f"dw should be a tuple with one number per weight ({n_x} here), but it is "
                     f"one number.",
                     "There is one derivative per weight, dw_j = x_j dz: collect them in a "
                     "tuple, even when there is only one.")
    try:
        dw = np.asarray(dw, dtype=float).ravel()
    except Exception:
        raise _Wrong(f"dw should be a tuple of numbers, but it is {_describe(values['dw'])}.",
                     None) from None
    if dw.size != n_x:
        hint = ("One derivative per weight: dw_j = x_j dz for every feature j.")
        if n_x != 2 and dw.size == 2:
            hint = ("Your one_example handles exactly two features, but it must work for any "
                    "number of features: loop over the entries of x and w (zip pairs them up).")
        raise _Wrong(f"dw should have one entry per weight ({n_x} here), but it has {dw.size}.",
                     hint)
    out["dw"] = dw
    return out


def _one_example_errors(error, case):
    n_x = len(case.args[0])
    unpacking = isinstance(error, ValueError) and "values to unpack" in str(error)
    if n_x != 2 and (unpacking or isinstance(error, IndexError)):
        return ("Your one_example handles exactly two features, but it must work for any "
                f"number of features (this case has {n_x}): loop over the entries of x and w "
                "(zip pairs them up) instead of unpacking or indexing exactly two.")
    if isinstance(error, IndexError):
        return (f"An index ran past the end of x or w. They have {n_x} entries here, numbered "
                f"0 to {n_x - 1}: Python counts from 0. Loop over range(len(x)), or over "
                "zip(x, w).")
    if isinstance(error, (AttributeError, TypeError)) and "'tuple'" in str(error):
        return ("x and w arrive as tuples of numbers, not numpy arrays: a tuple has no .T, no "
                ".shape and no @, and * between two tuples is an error. Loop over their "
                "entries (zip pairs them up), or turn them into arrays first with np.array.")
    return None


_ONE_EXAMPLE = _Exercise(
    name="one_example",
    arg_names=("x", "w", "b", "y"),
    returns="(z, a, L, dz, dw, db)",
    cases=[
        _Case("the running example of notebook 01", ((1.0, 2.0), (0.5, -1.0), 0.5, 1)),
        _Case("the same example with label y = 0", ((1.0, 2.0), (0.5, -1.0), 0.5, 0)),
        _Case("b = 0 and z > 0", ((-1.5, 0.5), (-1.0, 2.0), 0.0, 1)),
        _Case("one feature (n_x = 1)", ((3.0,), (-0.5,), 0.25, 0)),
        _Case("three features (n_x = 3)", ((1.0, 2.0, -1.0), (0.5, -1.0, 0.25), 0.5, 1)),
    ],
    expected=_one_example_model,
    read=_read_one_example,
    errors=_one_example_errors,
    covers="y = 1 and y = 0, b ≠ 0 and b = 0, one, two and three features",
    field_hints={
        "z": "z = w1 x1 + w2 x2 + ... + b.",
        "a": "a = σ(z).",
        "L": "L = -(y log a + (1 - y) log(1 - a)).",
        "dz": "dz = dL/dz, the chain rule through a.",
        "dw": "dw_j = x_j dz, one entry per feature.",
        "db": "db = dL/db = dz.",
    },
    slips=(
        _Slip("Everything is computed as if b were 0. Perhaps you forgot to add b in z?",
              lambda x, w, b, y: _one_example_model(x, w, b, y, bias=False), ("z",)),
        _Slip("Every entry of dw uses x1, the first feature. Each weight w_j multiplies its own "
              "feature x_j, so dw_j = x_j dz: a copy-and-paste slip?",
              lambda x, w, b, y: _one_example_model(x, w, b, y, dw="x1")),
        _Slip("dz, dw and db have the wrong sign. dz is the prediction minus the label; "
              "the other way round, gradient descent would walk uphill.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, dz="y - a"), ("dz",)),
        _Slip("Your dz is a(1 - a) alone: that is the local derivative da/dz. The chain rule "
              "multiplies it by da = dL/da, and the product simplifies to a - y.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, dz="a(1 - a)"), ("dz",)),
        _Slip("Your dz is dL/da alone. The chain rule multiplies it by the local derivative "
              "da/dz = a(1 - a) to get dL/dz.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, dz="da"), ("dz",)),
        _Slip("L came out negative, but a loss never is: log a and log(1 - a) are ≤ 0, so the "
              "loss has a minus sign in front of the bracket.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, L_sign=-1.0)),
        _Slip("L is right when y = 1 but not when y = 0: the loss has two terms, y log a and "
              "(1 - y) log(1 - a), and for y = 0 only the second one counts.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, L_terms=1)),
        _Slip("dw_j multiplies dz by the weight w_j. The derivative of w_j x_j with respect to "
              "w_j is the feature x_j.",
              lambda x, w, b, y: _one_example_model(x, w, b, y, dw="w")),
    ),
)


def check_one_example(one_example):
    """Check your ``one_example(x, w, b, y) -> (z, a, L, dz, dw, db)``. True if right."""
    return _check(_ONE_EXAMPLE, one_example)


# --------------------------------------------------------------------------------------
# gradients_loop and gradients: (J, dw, db)
# --------------------------------------------------------------------------------------


def _gradients_model(w, b, X, Y, *, bias=True, dz_sign=1.0, cumulative=False, feature=None,
                     used=slice(None), dw_used=None, divide=("J", "dw", "db"), by="m",
                     J_sign=1.0, J_terms=2, broadcast=False):
    """(J, dw, db) as code with the named mistakes would compute them; no flag: the right ones."""
    n_x, m = X.shape
    Z = w.T @ X + (b if bias else 0.0)
    A = _sigmoid(Z)
    if broadcast:  # a (1, m) row met an (m, 1) column: the mean of an (m, m) matrix
        losses = _loss(*np.broadcast_arrays(Z, Y.T))
    elif J_terms == 2:
        losses = _loss(Z, Y)
    else:  # only the y log a term
        losses = Y * _loss(Z, 1.0)
    dZ = dz_sign * (A - Y)
    if cumulative:  # dz += a - y: each example carries the errors of all before it
        dZ = np.cumsum(dZ, axis=1)
    Xf = X if feature is None else np.repeat(X[feature : feature + 1], n_x, axis=0)
    dw_used = used if dw_used is None else dw_used
    d = {"m": m, "n_x": n_x}[by]
    J = J_sign * (np.mean(losses) if broadcast else np.sum(losses[:, used]) / d)
    if "J" not in divide:
        J = J * d
    dw = Xf[:, dw_used] @ dZ[:, dw_used].T
    db = np.sum(dZ[:, used])
    return {"J": J, "dw": dw / d if "dw" in divide else dw, "db": db / d if "db" in divide else db}


def _gradients_expected(w, b, X, Y):
    J, dw, db = _gradients(w, b, X, Y)
    return {"J": J, "dw": dw, "db": db}


_J_HINT_SIZE1 = (
    "J is an array holding one number. np.dot or @ of a (1, m) row and an (m, 1) column gives "
    "a 1-by-1 array, and inside a loop a product with w.T gives one of shape (1,). A cost is "
    "one number: turn it into one (float(...) or .item()), or add up the losses with np.sum "
    "or np.mean."
)


def _read_gradients(result, case, loop=False):
    w, b, X, Y = case.args
    n_x, m = X.shape
    J, dw, db = _tuple(result, ("J", "dw", "db"))
    if isinstance(J, np.ndarray) and J.shape in ((1, m), (m,)) and m > 1:
        raise _Wrong(f"J should be one number, but it has shape {J.shape}: one loss per example.",
                     "The cost is the average of the m losses: add them up and divide by m.")
    if isinstance(J, np.ndarray) and J.shape == (m, m) and m > 1:
        raise _Wrong(f"J should be one number, but it has shape {J.shape}.", _BROADCAST_HINT)
    J = _number(J, "J", _J_HINT_SIZE1)
    if loop:
        row = ("dw is a row. Start the accumulator dw as a column, like w: the shape of w is "
               "(n_x, 1), n_x rows and one column.")
        rank1 = ("dw is a rank-1 array, shape (n_x,). Start the accumulator dw as a column of "
                 "shape (n_x, 1), like w.")
    else:
        row = ("dw is a row, but it must have the shape of w, (n_x, 1): (n_x, m) times (m, 1). "
               "Your product gives (1, n_x), which is (1, m) times (m, n_x): the two factors "
               "are the other way round (or the result is transposed).")
        rank1 = ("dw is a rank-1 array, shape (n_x,): a sum along one axis drops that axis. It "
                 "must be a column (n_x, 1), like w.")
    shape_hints = {(1, n_x): row, (n_x,): rank1, (n_x, m): _BROADCAST_DW_HINT}
    if isinstance(dw, np.ndarray) and dw.shape == (n_x, m):  # m = 1: right, no hint shown
        products = X * (_sigmoid(w.T @ X + b) - Y)  # x_j dz for each feature and example
        if _close(dw, products / m) or _close(dw, products):
            shape_hints[(n_x, m)] = (
                "dw has one column per example: the products x_j dz are there, but they are "
                "not added up over the examples. An element-wise product does not sum; the "
                "matrix product of X with the transpose of dZ does, one sum per feature.")
    if isinstance(dw, np.ndarray) and dw.ndim == 0 or isinstance(dw, (float, np.floating)):
        raise _Wrong(f"dw should have shape (n_x, 1) = ({n_x}, 1), one entry per weight, but "
                     "it is a single number.",
                     "A sum over everything adds up over the features too. dw_j is the "
                     "average of x_j dz over the examples, one number per feature.")
    dw = _array(dw, "dw", (n_x, 1), shape_hints)
    db = _number(db, "db", "db is a 1-by-1 array, from a sum with keepdims or a product. db is "
                 "one number, the average of dz over the examples; np.sum or np.mean of the "
                 "whole row gives one.")
    return {"J": J, "dw": dw, "db": db}


_BROADCAST_DW_HINT = (
    "dw has one column per example: somewhere a (1, m) row met an (m, 1) column (A built as "
    "a column, Y.T, a reshaped Y) and numpy broadcast them into an (m, m) matrix without a "
    "word. Z, A, Y and dZ should all be rows of shape (1, m)."
)

_BROADCAST_HINT = (
    "Somewhere a row of shape (1, m) met a column of shape (m, 1): Y.T, a reshaped Y, or A "
    "built as a column. numpy then broadcasts them into an (m, m) matrix without a word, and "
    "averaging that gives a wrong number. Keep Z, A, Y and dZ all rows of shape (1, m)."
)

_GRADIENT_FIELD_HINTS = {
    "J": "Look at the cost: the average over the m examples of -(y log a + (1 - y) log(1 - a)).",
    "dw": "Look at how dw is built: entry j is the average over the examples of x_j dz.",
    "db": "Look at how db is built: the average over the examples of dz.",
}


def _gradient_slips(loop):
    slips = [
        _Slip("J, dw and db are all {m} times too large here (m = {m}): they are sums over the "
              "examples where averages are needed. Each of them is divided by m.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, divide=())),
        _Slip("J is {m} times too large here (m = {m}): the cost is the average loss, so the "
              "sum of the losses is divided by m.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, divide=("dw", "db"))),
        _Slip("db is {m} times too large here (m = {m}): it is the sum of dz over the examples, "
              "not their average. Look at where db is (or is not) divided by m.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, divide=("J", "dw"))),
        _Slip("dw is {m} times too large here (m = {m}): it is a sum over the examples, not an "
              "average. Look at where dw is (or is not) divided by m.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, divide=("J", "db"))),
        _Slip("Everything is computed as if b were 0. Perhaps you forgot to add b in z?",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, bias=False)),
        _Slip("dw and db have the wrong sign. dz is the prediction minus the label, a - y; "
              "the other way round, gradient descent would walk uphill.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, dz_sign=-1.0)),
        _Slip("J came out negative, but a cost never is: log a and log(1 - a) are ≤ 0, so the "
              "loss has a minus sign in front of the bracket.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, J_sign=-1.0)),
        _Slip("J leaves out the examples with label 0: the loss has two terms, y log a and "
              "(1 - y) log(1 - a), and for y = 0 only the second one counts.",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, J_terms=1)),
        _Slip("J, dw and db are divided by n_x = {n_x}, the number of features, instead of by "
              "m = {m}, the number of examples. X has shape (n_x, m).",
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, by="n_x")),
        _Slip("J is an average over an (m, m) matrix instead of over the m examples. "
              + _BROADCAST_HINT,
              lambda w, b, X, Y: _gradients_model(w, b, X, Y, broadcast=True)),
    ]
    if loop:
        slips += [
            _Slip("dz is not an accumulator. Each example has its own dz = a - y, assigned "
                  "fresh inside the loop; added up (dz += ...), example i carries the errors of "
                  "all the examples before it. Only J, dw and db add up over the examples.",
                  lambda w, b, X, Y: _gradients_model(w, b, X, Y, cumulative=True)),
            _Slip("Every entry of dw uses x1, the first feature. Each weight w_j multiplies "
                  "its own feature, so dw_j adds up x_j dz: a copy-and-paste slip, or the "
                  "feature index fixed at 0 in the inner loop?",
                  lambda w, b, X, Y: _gradients_model(w, b, X, Y, feature=0)),
            _Slip("The last example is missing from the sums: the loop stops one example "
                  "early. range(m) already runs over all m examples, 0 to m - 1.",
                  lambda w, b, X, Y: _gradients_model(w, b, X, Y,
                                                      used=slice(0, X.shape[1] - 1))),
            _Slip("Only the last example reached dw. The lines that add to dw run after the "
                  "loop over the examples has finished: check their indentation.",
                  lambda w, b, X, Y: _gradients_model(w, b, X, Y,
                                                      dw_used=slice(X.shape[1] - 1, None))),
        ]
    return tuple(slips)


_GRADIENT_CASES = [
    _Case("the lecture's shapes: n_x = 2 features, m = 4 examples, b ≠ 0",
          (_col([0.5, -0.25]), 0.5, _arr([[1.0, 2.0, -1.0, 0.5], [3.0, -0.5, 1.0, -2.0]]),
           _arr([[1, 0, 1, 0]]))),
    _Case("one example (m = 1)",
          (_col([-0.5, 0.25]), -0.5, _arr([[2.0], [-1.0]]), _arr([[1]]))),
    _Case("one feature (n_x = 1)",
          (_col([1.5]), 0.25, _arr([[0.5, -1.5, 2.0]]), _arr([[0, 1, 1]]))),
    _Case("three features, five examples, at the start: w = 0 and b = 0",
          (np.zeros((3, 1)), 0.0,
           _arr([[1.0, 0.0, -2.0, 1.5, 0.5], [0.5, -1.0, 1.0, 2.0, -0.5],
                 [-1.0, 2.0, 0.5, 0.0, 1.0]]),
           _arr([[1, 1, 0, 0, 1]]))),
]

_LARGE_Z_CASE = _Case(
    "large |z|, about 30, where a is within 1e-13 of 0 or 1 (J is not compared here: the "
    "textbook cost loses its digits there, see notebook 03)",
    (_col([2.0, 0.5]), 0.5, _arr([[15.0, -15.0, 1.0], [1.0, 2.0, -1.0]]), _arr([[0, 0, 1]])),
    skip=frozenset({"J"}),
)

# z = 699, -698.5 and -1: a saturates to 1.0 or nearly 0, and even math.exp does not overflow
_SATURATING_ARGS = (_col([2.0, 0.5]), 0.5, _arr([[349.0, -350.0, -1.0], [1.0, 2.0, 1.0]]))

_GRADIENTS_LOOP = _Exercise(
    name="gradients_loop",
    arg_names=("w", "b", "X", "Y"),
    returns="(J, dw, db)",
    cases=[copy.copy(c) for c in _GRADIENT_CASES],
    expected=_gradients_expected,
    read=lambda result, case: _read_gradients(result, case, loop=True),
    slips=_gradient_slips(loop=True),
    field_hints=_GRADIENT_FIELD_HINTS,
    covers="the lecture's shapes, b ≠ 0, m = 1, n_x = 1, n_x = 3 at w = 0",
)

_GRADIENTS = _Exercise(
    name="gradients",
    arg_names=("w", "b", "X", "Y"),
    returns="(J, dw, db)",
    cases=[copy.copy(c) for c in _GRADIENT_CASES] + [_LARGE_Z_CASE],
    expected=_gradients_expected,
    read=_read_gradients,
    slips=_gradient_slips(loop=False),
    field_hints=_GRADIENT_FIELD_HINTS,
    covers="the lecture's shapes, b ≠ 0, m = 1, n_x = 1, n_x = 3 at w = 0, large |z|",
)


def check_gradients_loop(gradients_loop):
    """Check your ``gradients_loop(w, b, X, Y) -> (J, dw, db)``. True if right."""
    return _check(_GRADIENTS_LOOP, gradients_loop)


def check_gradients(gradients):
    """Check your vectorized ``gradients(w, b, X, Y) -> (J, dw, db)``. True if right."""
    return _check(_GRADIENTS, gradients)


# --------------------------------------------------------------------------------------
# update
# --------------------------------------------------------------------------------------


def _update_model(w, b, dw, db, alpha, *, sign=-1.0, use_alpha=True, b_step="db", w_step="dw"):
    a = alpha if use_alpha else 1.0
    return {"w": w + sign * a * (dw if w_step == "dw" else w),
            "b": b + sign * a * (db if b_step == "db" else b)}


def _read_update(result, case):
    w = case.args[0]
    new_w, new_b = _tuple(result, ("w", "b"))
    if np.ndim(new_w) == 0 and np.shape(new_b) == w.shape:
        raise _Wrong("It seems to return b first and w second.",
                     "Return the new w first, then the new b: (w, b), the order of the "
                     "arguments.")
    new_w = _array(new_w, "The new w", w.shape)
    return {"w": new_w, "b": _number(new_b, "The new b")}


_UPDATE = _Exercise(
    name="update",
    arg_names=("w", "b", "dw", "db", "alpha"),
    returns="(w, b), the new values",
    cases=[
        _Case("the lecture's shapes, alpha = 0.1",
              (_col([0.5, -0.25]), 0.5, _col([0.2, -0.4]), 0.3, 0.1)),
        _Case("b = 0 and db ≠ 0, alpha = 1, three features",
              (_col([1.0, 2.0, -1.0]), 0.0, _col([-0.5, 0.25, 1.0]), -0.2, 1.0)),
        _Case("one feature (n_x = 1), alpha = 0.5",
              (_col([2.0]), -1.0, _col([0.5]), 0.25, 0.5)),
    ],
    expected=_update_model,
    read=_read_update,
    covers="b ≠ 0 and b = 0, alpha < 1 and alpha = 1, one, two and three features",
    field_hints={"w": "The new w is w - α dw.", "b": "The new b is b - α db."},
    slips=(
        _Slip("b's step uses b itself instead of db. The gradient of b is db; a step with b "
              "only shrinks b towards 0, whatever the data say (and from b = 0 it never moves).",
              lambda w, b, dw, db, alpha: _update_model(w, b, dw, db, alpha, b_step="b")),
        _Slip("w's step uses w itself instead of dw: a step with w only shrinks w towards 0, "
              "whatever the data say.",
              lambda w, b, dw, db, alpha: _update_model(w, b, dw, db, alpha, w_step="w")),
        _Slip("Your step goes up the gradient: the gradient points uphill, towards a larger "
              "cost. Gradient descent steps against it: minus α times the gradient.",
              lambda w, b, dw, db, alpha: _update_model(w, b, dw, db, alpha, sign=1.0)),
        _Slip("The step ignores the learning rate alpha: it moves by the whole gradient. The "
              "step is alpha times the gradient.",
              lambda w, b, dw, db, alpha: _update_model(w, b, dw, db, alpha, use_alpha=False)),
    ),
)


def check_update(update):
    """Check your ``update(w, b, dw, db, alpha) -> (w, b)``. True if right."""
    return _check(_UPDATE, update)


# --------------------------------------------------------------------------------------
# forward
# --------------------------------------------------------------------------------------


def _forward_model(w, b, X, *, bias=True, out="Z, A", mirror=False):
    Z = w.T @ X + (b if bias else 0.0)
    A = _sigmoid(-Z if mirror else Z)
    return {"Z, A": {"Z": Z, "A": A}, "A, A": {"Z": A, "A": A}, "A, Z": {"Z": A, "A": Z}}[out]


def _read_forward(result, case):
    w, b, X = case.args
    n_x, m = X.shape
    Z, A = _tuple(result, ("Z", "A"))
    hints = {
        (m, 1): ("Z is a column, (m, 1): X.T times w is the transpose of what you need. wᵀX is "
                 "(1, n_x) times (n_x, m), one row with one z per example."),
        (n_x, m): ("Z has one row per feature: the products w_j x_j are not added up over the "
                   "features. An element-wise product does not sum; the matrix product wᵀX "
                   "does, giving one z per example."),
        (m,): "Z is a rank-1 array (m,). Keep it a row of shape (1, m), like Y.",
    }
    if np.ndim(Z) == 0 and not isinstance(Z, (list, tuple)):
        raise _Wrong("Z should be a row of shape (1, m), one z per example, but it is a single "
                     "number.",
                     "Something added up over the examples too. wᵀX keeps one z per example.")
    Z = _array(Z, "Z", (1, m), hints)
    A = _array(A, "A", (1, m), {(m, 1): hints[(m, 1)].replace("Z is", "A is")})
    return {"Z": Z, "A": A}


def _forward_errors(error, case):
    message = str(error)
    if isinstance(error, ValueError) and ("matmul" in message or "not aligned" in message):
        return ("w is a column (n_x, 1) and X is (n_x, m): w times X does not fit. wᵀX, with "
                "the transpose of w, is (1, n_x) times (n_x, m), which gives the row (1, m).")
    return None


_FORWARD = _Exercise(
    name="forward",
    arg_names=("w", "b", "X"),
    returns="(Z, A)",
    cases=[
        _Case("the lecture's shapes: n_x = 2, m = 4, b ≠ 0", _GRADIENT_CASES[0].args[:3]),
        _Case("one example (m = 1)", _GRADIENT_CASES[1].args[:3]),
        _Case("one feature (n_x = 1)", _GRADIENT_CASES[2].args[:3]),
        _Case("saturating z, |z| up to 699", _SATURATING_ARGS),
    ],
    expected=_forward_model,
    read=_read_forward,
    errors=_forward_errors,
    covers="the lecture's shapes, b ≠ 0, m = 1, n_x = 1, saturating z",
    field_hints={"Z": "Z = wᵀX + b, one z per example.", "A": "A = σ(Z), element by element."},
    slips=(
        _Slip("Everything is computed as if b were 0. Perhaps you forgot to add b in Z?",
              lambda w, b, X: _forward_model(w, b, X, bias=False)),
        _Slip("Your Z lies between 0 and 1: it looks like A. Z is the linear part, wᵀX + b, "
              "before the sigmoid; A = σ(Z) comes after it. Return them in the order (Z, A).",
              lambda w, b, X: _forward_model(w, b, X, out="A, A")),
        _Slip("Your Z lies between 0 and 1 and your A does not: they look swapped. Return them "
              "in the order (Z, A).",
              lambda w, b, X: _forward_model(w, b, X, out="A, Z")),
        _Slip("A is the mirror image of σ(Z): 1 - σ(Z). Look at the sign of the exponent in "
              "your sigmoid.",
              lambda w, b, X: _forward_model(w, b, X, mirror=True)),
    ),
)


def check_forward(forward):
    """Check your ``forward(w, b, X) -> (Z, A)``. True if right."""
    return _check(_FORWARD, forward)


# --------------------------------------------------------------------------------------
# train
# --------------------------------------------------------------------------------------


def _train_model(X, Y, alpha, iterations, *, record="before", update_b=True, sign=-1.0):
    w, b = np.zeros((X.shape[0], 1)), 0.0
    costs = []
    for _ in range(iterations):
        J, dw, db = _gradients(w, b, X, Y)
        if record == "before":
            costs.append(J)
        w = w + sign * alpha * dw
        b = b + sign * alpha * db if update_b else b
        if record == "after":
            costs.append(_gradients(w, b, X, Y)[0])
    return {"w": w, "b": b, "costs": np.array(costs)}


def _read_train(result, case):
    X, Y, alpha, iterations = case.args
    w, b, costs = _tuple(result, ("w", "b", "costs"))
    w = _array(w, "w", (X.shape[0], 1))
    b = _number(b, "b")
    try:
        c = np.asarray(costs, dtype=float)
    except Exception:
        raise _Wrong(f"costs should be a list (or array) of numbers, but it is "
                     f"{_describe(costs)}.", None) from None
    if c.ndim == 0:
        raise _Wrong(f"costs should be a list of {iterations} numbers, one per iteration, but "
                     "it is a single number.",
                     "Start an empty list before the loop, append J to it in every iteration, "
                     "and return the list.")
    if max(c.shape) != c.size:
        raise _Wrong(f"costs should be a list of {iterations} numbers, one per iteration, but "
                     f"it has shape {c.shape}.", None)
    c = c.ravel()
    if c.size != iterations:
        hint = ("Record the cost once per iteration, before that iteration's update, so "
                "costs[i] is J before update i.")
        if c.size == iterations + 1:
            hint = ("You record one cost too many: costs[i] is J before update i, so there is "
                    "exactly one per iteration; J after the last step is not in the list.")
        raise _Wrong(f"costs has {c.size} entries, but {iterations} iterations need "
                     f"{iterations}.", hint)
    return {"w": w, "b": b, "costs": c}


def _train_after_slips(got):
    if got["costs"].size and not _close(got["costs"][0], math.log(2)):
        return ("costs[0] is not log 2 ≈ 0.693147, the cost at w = 0, b = 0.",
                "Start from zeros: w a column of n_x zeros and b = 0. Then every a is 0.5 and "
                "the first cost is log 2, whatever the data.")
    return None


_TRAIN = _Exercise(
    name="train",
    arg_names=("X", "Y", "alpha", "iterations"),
    returns="(w, b, costs)",
    cases=[
        _Case("two features, six examples, alpha = 0.5, 8 iterations",
              (_arr([[1.0, 2.0, -1.0, 0.5, -2.0, 1.5], [0.5, -1.0, -1.5, 2.0, 1.0, 0.0]]),
               _arr([[1, 1, 0, 1, 0, 1]]), 0.5, 8)),
        _Case("one feature, alpha = 1, 5 iterations",
              (_arr([[0.5, -1.5, 2.0, 1.0]]), _arr([[0, 0, 1, 1]]), 1.0, 5)),
        _Case("a single iteration, alpha = 0.1",
              (_GRADIENT_CASES[0].args[2], _arr([[1, 1, 1, 0]]), 0.1, 1)),
    ],
    expected=_train_model,
    read=_read_train,
    after_slips=_train_after_slips,
    covers="two features and one, several iterations and a single one",
    field_hints={
        "w": "Look at the update of w: w - α dw, with dw at the current w and b.",
        "b": "Look at the update of b: b - α db.",
        "costs": "costs[i] is the cost J at the parameters before update i.",
    },
    slips=(
        _Slip("Your costs are shifted by one step: costs[0] should be the cost at the start, "
              "before any update (log 2 at w = 0, b = 0). Record J before the update, not "
              "after it.",
              lambda X, Y, alpha, iterations: _train_model(X, Y, alpha, iterations,
                                                           record="after")),
        _Slip("b never moved from 0. Either b is never updated, or its step uses b itself "
              "(b - α b is still 0) instead of db.",
              lambda X, Y, alpha, iterations: _train_model(X, Y, alpha, iterations,
                                                           update_b=False), ("b",)),
        _Slip("The cost rises: your steps go up the gradient. Gradient descent steps against "
              "it, minus α times the gradient.",
              lambda X, Y, alpha, iterations: _train_model(X, Y, alpha, iterations, sign=1.0),
              ("costs",)),
    ),
)


def check_train(train):
    """Check your ``train(X, Y, alpha, iterations) -> (w, b, costs)``, from zeros. True if right."""
    return _check(_TRAIN, train)


# --------------------------------------------------------------------------------------
# predict
# --------------------------------------------------------------------------------------


def _predict_model(w, b, X, *, on="Z", threshold=0.0, bias=True, flip=False):
    Z = w.T @ X + (b if bias else 0.0)
    value = Z if on == "Z" else _sigmoid(Z)
    p = value > threshold
    return {"ŷ": (~p if flip else p).astype(float)}


def _read_predict(result, case):
    w, b, X = case.args
    m = X.shape[1]
    p = _array(result, "The prediction", (1, m),
               {(m,): "It is a rank-1 array (m,). Keep it a row of shape (1, m), like Y, so "
                      "that comparing it with Y lines up example by example.",
                (m, 1): "It is a column (m, 1). Keep it a row of shape (1, m), like Y: "
                        "compared with Y, a column would broadcast into an (m, m) matrix."})
    if not np.isin(p, (0.0, 1.0)).all():
        if ((p > 0) & (p < 1)).any():
            raise _Wrong("It returns numbers between 0 and 1, not 0 and 1.",
                         "Those are the probabilities A. A prediction is 1 where A is above "
                         "0.5 and 0 elsewhere.")
        raise _Wrong("It should hold only 0 and 1.", None)
    return {"ŷ": p}


_PREDICT = _Exercise(
    name="predict",
    arg_names=("w", "b", "X"),
    returns="the (1, m) row of predictions",
    cases=[
        _Case("six examples, z on both sides of 0, some z between 0 and 0.5, b ≠ 0",
              (_col([1.0, -1.0]), 0.25,
               _arr([[0.5, 1.0, -1.0, 2.0, 0.1, -1.0], [0.5, 2.0, -2.0, 0.0, 0.2, 0.5]]))),
        _Case("one example (m = 1)", (_col([0.5, 0.5]), -1.0, _arr([[1.0], [0.5]]))),
        _Case("one feature (n_x = 1)", (_col([-2.0]), 0.5, _arr([[0.0, 1.0, -1.0, 0.1]]))),
        _Case("saturating z, |z| up to 699", _SATURATING_ARGS),
    ],
    expected=_predict_model,
    read=_read_predict,
    covers="b ≠ 0, z just above 0, m = 1, n_x = 1, saturating z",
    field_hints={"ŷ": "ŷ = 1 where a = σ(wᵀx + b) > 0.5, else 0."},
    slips=(
        _Slip("Every prediction is 1: A is a probability, above 0 everywhere, so comparing it "
              "with 0 is always true. The threshold for A is 0.5.",
              lambda w, b, X: _predict_model(w, b, X, on="A", threshold=0.0)),
        _Slip("Examples with z between 0 and 0.5 get 0. The threshold 0.5 is for A; on Z it is "
              "0, because σ(0) = 0.5.",
              lambda w, b, X: _predict_model(w, b, X, on="Z", threshold=0.5)),
        _Slip("Your predictions are flipped: 1 where the model says 'probably 0' and the other "
              "way round. ŷ is 1 where A is above 0.5.",
              lambda w, b, X: _predict_model(w, b, X, flip=True)),
        _Slip("Predictions are made as if b were 0. Perhaps you forgot to add b in z?",
              lambda w, b, X: _predict_model(w, b, X, bias=False)),
    ),
)


def check_predict(predict):
    """Check your ``predict(w, b, X)``: a (1, m) row of 0 and 1. True if right."""
    return _check(_PREDICT, predict)


# --------------------------------------------------------------------------------------
# standardize
# --------------------------------------------------------------------------------------


def _standardize_model(X, mean=None, std=None, *, ddof=0, own=False, spread="std",
                       centre=True):
    if mean is None or own:
        mean = X.mean(axis=1, keepdims=True)
    if std is None or own:
        std = X.std(axis=1, keepdims=True, ddof=ddof)
        if spread == "var":
            std = std**2
    return {"X_std": ((X - mean) if centre else X) / std, "mean": mean, "std": std}


def _read_standardize(result, case):
    X = case.args[0]
    n_x, m = X.shape
    X_std, mean, std = _tuple(result, ("X_std", "mean", "std"))
    return {"X_std": _array(X_std, "X_std", (n_x, m)),
            "mean": _array(mean, "mean", (n_x, 1), _standardize_hints("mean", n_x, m)),
            "std": _array(std, "std", (n_x, 1), _standardize_hints("std", n_x, m))}


def _standardize_hints(name, n_x, m):
    """The hints for a mean or std of the wrong shape, by shape."""
    axis = (f"Your {name} has one entry per example: it is taken down each column, over the "
            f"features. Standardising scales each feature: take the {name} along each row, "
            "over the examples (axis=1), and keep it a column (keepdims=True) so it lines up "
            "with X.")
    rank1 = (f"The {name} is a rank-1 array (n_x,). Keep it a column of shape (n_x, 1) "
             "(keepdims=True): then it lines up with the rows of X, one feature each.")
    if m == n_x:  # the shape cannot tell which axis was used
        return {(1, m): axis, (m,): axis + " " + rank1}
    return {(1, m): axis, (m,): axis, (n_x,): rank1}


def _standardize_errors(error, case):
    if isinstance(error, TypeError) and "positional argument" in str(error):
        return ("standardize takes X and, optionally, the mean and std of the training set: "
                "standardize(X, mean=None, std=None). Given them, it scales new data exactly "
                "as it scaled the training set.")
    if isinstance(error, ValueError) and "broadcast" in str(error):
        return ("X is (n_x, m) and your mean or std does not line up with it. Each feature "
                "(row) needs its own mean: a column (n_x, 1), as keepdims=True keeps it.")
    return None


_STANDARDIZE = _Exercise(
    name="standardize",
    arg_names=("X", "mean", "std"),
    returns="(X_std, mean, std)",
    cases=[
        _Case("two features on very different scales, five examples",
              (_arr([[10.0, 20.0, 30.0, 40.0, 50.0], [0.1, 0.4, 0.2, 0.5, 0.3]]),)),
        _Case("new data, scaled with the training set's mean and std",
              (_arr([[25.0, 45.0, 5.0], [0.3, 0.6, 0.0]]), _col([30.0, 0.3]),
               _col([10.0, 0.1]))),
        _Case("one feature (n_x = 1)", (_arr([[1.0, 3.0, 5.0, 7.0]]),)),
        _Case("a square X (n_x = m = 3), where a wrong axis gives no shape error",
              (_arr([[1.0, 2.0, 6.0], [10.0, 0.0, 20.0], [-1.0, -3.0, 1.0]]),)),
    ],
    expected=_standardize_model,
    also_right=(lambda X, mean=None, std=None: _standardize_model(X, mean, std, ddof=1),),
    read=_read_standardize,
    errors=_standardize_errors,
    covers="given or computed mean and std, one feature, a square X",
    field_hints={
        "X_std": "X_std = (X - mean) / std, row by row.",
        "mean": "mean: each feature's (row's) average over the examples.",
        "std": "std: each feature's (row's) standard deviation over the examples.",
    },
    slips=(
        _Slip("Given the training set's mean and std, your function ignores them and computes "
              "the new data's own. New data must be scaled exactly like the training set: use "
              "the mean and std you are given, and compute them only when they are None.",
              lambda X, mean=None, std=None: _standardize_model(X, mean, std, own=True),
              ("mean", "std")),
        _Slip("Your std is the variance, the square of the standard deviation. Divide by the "
              "standard deviation, so that every feature ends up with spread 1.",
              lambda X, mean=None, std=None: _standardize_model(X, mean, std, spread="var")),
        _Slip("X_std is X divided by std, without subtracting the mean first: the features are "
              "scaled but not centred at 0.",
              lambda X, mean=None, std=None: _standardize_model(X, mean, std, centre=False)),
        _Slip("Your mean and std are taken along the wrong axis: over the features of each "
              "example instead of over the examples of each feature. X is (n_x, m): average "
              "each row (axis=1).",
              lambda X, mean=None, std=None: {
                  "X_std": (X - X.mean(axis=0)) / X.std(axis=0),
                  "mean": X.mean(axis=0).reshape(-1, 1),
                  "std": X.std(axis=0).reshape(-1, 1)}),
    ),
)


def check_standardize(standardize):
    """Check your ``standardize(X, mean=None, std=None) -> (X_std, mean, std)``. True if right.

    Both the population standard deviation (np.std's default) and the sample one
    (ddof=1) count as right.
    """
    return _check(_STANDARDIZE, standardize)


# --------------------------------------------------------------------------------------
# accuracy
# --------------------------------------------------------------------------------------


def _accuracy_model(w, b, X, Y, *, kind="share"):
    p = (w.T @ X + b > 0).astype(float)
    right = p == Y
    return {"accuracy": {"share": np.mean(right), "count": np.sum(right),
                         "percent": 100 * np.mean(right), "error": 1 - np.mean(right),
                         "broadcast": np.mean(p == Y.T)}[kind]}


def _read_accuracy(result, case):
    return {"accuracy": _number(result, "The accuracy")}


_ACCURACY = _Exercise(
    name="accuracy",
    arg_names=("w", "b", "X", "Y"),
    returns="the accuracy, a number between 0 and 1",
    cases=[
        _Case("six examples, four of them predicted right",
              (*_PREDICT.cases[0].args, _arr([[1, 0, 0, 1, 0, 0]]))),
        _Case("one example, predicted right", (*_PREDICT.cases[1].args, _arr([[0]]))),
        _Case("four examples, one predicted right",
              (*_PREDICT.cases[2].args, _arr([[0, 1, 0, 1]]))),
    ],
    expected=_accuracy_model,
    read=_read_accuracy,
    covers="several examples and one, high and low accuracy",
    field_hints={"accuracy": "The accuracy is the share of examples where ŷ equals y."},
    slips=(
        _Slip("That is the number of examples predicted right. The accuracy is their share: "
              "divide by m.",
              lambda w, b, X, Y: _accuracy_model(w, b, X, Y, kind="count")),
        _Slip("That is a percentage. Here the accuracy is a share between 0 and 1.",
              lambda w, b, X, Y: _accuracy_model(w, b, X, Y, kind="percent")),
        _Slip("That is the share of examples predicted wrong, the error rate. The accuracy is "
              "the share predicted right.",
              lambda w, b, X, Y: _accuracy_model(w, b, X, Y, kind="error")),
        _Slip("Your accuracy averages an (m, m) matrix of comparisons: the predictions and Y "
              "are a row (1, m) and a column (m, 1), and numpy compared every prediction with "
              "every label, without a word. Keep both rows of shape (1, m).",
              lambda w, b, X, Y: _accuracy_model(w, b, X, Y, kind="broadcast")),
    ),
)


def check_accuracy(accuracy):
    """Check your ``accuracy(w, b, X, Y)``: the share of examples predicted right. True if right."""
    return _check(_ACCURACY, accuracy)


# --------------------------------------------------------------------------------------
# The worked versions behind ``not_done_yet``
# --------------------------------------------------------------------------------------


def _worked_one_example(x, w, b, y):
    r = _one_example_model(tuple(x), tuple(w), b, y)
    return r["z"], r["a"], r["L"], r["dz"], tuple(float(v) for v in r["dw"]), r["db"]


def _worked_train(X, Y, alpha, iterations):
    result = _train(X, Y, alpha, iterations)
    return result.w, result.b, result.costs


def _worked_accuracy(w, b, X, Y):
    return float(np.mean(_predict(w, b, X) == Y))


_WORKED = {
    "sigmoid": _sigmoid,
    "one_example": _worked_one_example,
    "gradients_loop": _gradients_loop,
    "update": _update,
    "forward": _forward,
    "gradients": _gradients,
    "train": _worked_train,
    "predict": _predict,
    "standardize": _standardize,
    "accuracy": _worked_accuracy,
}
