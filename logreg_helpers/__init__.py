"""Logistic regression trained by gradient descent, in the order the notebooks teach it.

01 one example ........ graph.example_graph, one_example; ComputationGraph (Node, Edge)
02 the loop over m .... loop.gradients_loop
03 vectorized ......... vectorized.forward, cost, backward, update, gradients, train, predict
numerics .............. sigmoid, loss, largest_safe_alpha
gradcheck ............. numerical_gradient, relative_difference, gradient_check
data .................. toy_data, breast_cancer, standardize

Plots and widgets live in ``logreg_helpers.plots`` and ``logreg_helpers.widgets``;
import them explicitly (they need matplotlib and ipywidgets).

Layers, top to bottom. A module imports only from layers below its own, never
from its own layer or above, not even inside a function, and never from the
package itself (tests/test_layers.py reads this table and checks every import):

    6  widgets
    5  plots
    4  exercises
    3  gradcheck, autodiff
    2  graph, loop, vectorized, data
    1  numerics, blocked
    0  validation

validation and numerics are the foundations: input checks, and the exact
sigmoid and loss; blocked is the fast kernel behind vectorized. The lecture's
forms (graph, loop, vectorized) and the data sit on them. Gradient checking and
the autodiff engine test and build on those forms; the exercises check a
learner's code with everything below. Plots and widgets, on top, only show.
"""

from .data import breast_cancer, standardize, toy_data
from .gradcheck import gradient_check, numerical_gradient, relative_difference
from .graph import ComputationGraph, Edge, ExampleGraph, Node, example_graph, one_example
from .loop import gradients_loop
from .numerics import largest_safe_alpha, loss, naive_loss, naive_sigmoid, sigmoid
from .vectorized import (
    DivergenceWarning,
    TrainResult,
    backward,
    cost,
    forward,
    gradients,
    predict,
    train,
    update,
)

__all__ = [
    "ComputationGraph",
    "DivergenceWarning",
    "Edge",
    "ExampleGraph",
    "TrainResult",
    "backward",
    "breast_cancer",
    "cost",
    "example_graph",
    "forward",
    "gradient_check",
    "gradients",
    "gradients_loop",
    "largest_safe_alpha",
    "loss",
    "naive_loss",
    "naive_sigmoid",
    "Node",
    "numerical_gradient",
    "one_example",
    "predict",
    "relative_difference",
    "sigmoid",
    "standardize",
    "toy_data",
    "train",
    "update",
]
