"""Logistic regression trained by gradient descent, in the order the notebooks teach it.

01 one example ........ graph.example_graph, one_example; ComputationGraph (Node, Edge)
02 the loop over m .... loop.gradients_loop
03 vectorized ......... vectorized.forward, cost, backward, update, gradients, train, predict
08 chunks ............. chunked.chunk_sums, partial_sums: the gradient as a sum over chunks,
                        on dask arrays (a cluster) or any array-API library (a GPU)
numerics .............. sigmoid, loss, largest_safe_alpha
gradcheck ............. numerical_gradient, relative_difference, gradient_check
data .................. toy_data, breast_cancer, standardize, digits, digit_pair
07 autodiff ........... autodiff.Value: the graph, recorded and differentiated by itself
07 a hidden layer ..... network.init_network, network_forward, network_backward,
                        network_gradients, update_network, train_network, predict_network

Plots and widgets live in ``logreg_helpers.plots`` and ``logreg_helpers.widgets``;
import them explicitly (they need matplotlib and ipywidgets).

Layers, top to bottom. A module imports only from layers below its own, never
from its own layer or above, not even inside a function, and never from the
package itself (tests/test_layers.py reads this table and checks every import):

    6  widgets
    5  plots
    4  exercises
    3  gradcheck, autodiff, network
    2  graph, loop, vectorized, data
    1  numerics, chunked
    0  validation, blocked

validation and numerics are the foundations: input checks, and the exact
sigmoid and loss; blocked is the fast numpy kernel behind vectorized, and
chunked the same pass over the chunks of a dask array or an array of any
library that follows the array API standard. The lecture's
forms (graph, loop, vectorized) and the data sit on them. Gradient checking, the
autodiff engine and the network with one hidden layer test and build on those
forms; the exercises check a learner's code with everything below. Plots and
widgets, on top, only show.
"""

from .autodiff import Value
from .data import breast_cancer, digit_pair, digits, standardize, toy_data
from .gradcheck import gradient_check, numerical_gradient, relative_difference
from .graph import ComputationGraph, Edge, ExampleGraph, Node, example_graph, one_example
from .loop import gradients_loop
from .network import (
    Network,
    NetworkResult,
    init_network,
    network_backward,
    network_forward,
    network_gradients,
    predict_network,
    train_network,
    update_network,
)
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
    "Network",
    "NetworkResult",
    "TrainResult",
    "Value",
    "backward",
    "breast_cancer",
    "cost",
    "digit_pair",
    "digits",
    "example_graph",
    "forward",
    "gradient_check",
    "gradients",
    "gradients_loop",
    "init_network",
    "largest_safe_alpha",
    "loss",
    "naive_loss",
    "naive_sigmoid",
    "network_backward",
    "network_forward",
    "network_gradients",
    "Node",
    "numerical_gradient",
    "one_example",
    "predict",
    "predict_network",
    "relative_difference",
    "sigmoid",
    "standardize",
    "toy_data",
    "train",
    "train_network",
    "update",
    "update_network",
]
