"""Logistic regression trained by gradient descent, in the order the notebooks teach it.

01 one example ........ graph.example_graph, one_example; ComputationGraph (Node, Edge)
02 the loop over m .... loop.gradients_loop
03 vectorized ......... vectorized.forward, cost, backward, update, gradients, train, predict
numerics .............. sigmoid, loss, largest_safe_alpha
gradcheck ............. numerical_gradient, relative_difference, gradient_check
data .................. toy_data, breast_cancer, standardize
07 autodiff ........... autodiff.Value: the graph, recorded and differentiated by itself
07 a hidden layer ..... network.init_network, network_forward, network_backward,
                        network_gradients, update_network, train_network, predict_network

Plots and widgets live in ``logreg_helpers.plots`` and ``logreg_helpers.widgets``;
import them explicitly (they need matplotlib and ipywidgets).
"""

from .autodiff import Value
from .data import breast_cancer, standardize, toy_data
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
