// model/scalar_autodiff.cc

#include "model/scalar_autodiff.h"

#include <cmath>
#include <unordered_set>

#include "common/status_macros.h"

namespace tokenforge {

Scalar::Scalar(double value) : node_(std::make_shared<Node>()) {
  node_->value = value;
}

Scalar Scalar::Make(double value, std::vector<std::shared_ptr<Node>> parents,
                    std::function<void(Node&)> backward) {
  Scalar out(value);
  out.node_->parents = std::move(parents);
  out.node_->backward = std::move(backward);
  return out;
}

std::vector<Scalar::Node*> Scalar::TopologicalOrder() const {
  // Iterative DFS (post-order), so deep graphs do not overflow the stack.
  std::vector<Node*> order;
  std::unordered_set<Node*> visited;
  std::vector<std::pair<Node*, size_t>> stack = {{node_.get(), 0}};
  visited.insert(node_.get());
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < node->parents.size()) {
      Node* parent = node->parents[next++].get();
      if (visited.insert(parent).second) stack.push_back({parent, 0});
    } else {
      order.push_back(node);
      stack.pop_back();
    }
  }
  return order;  // Operands before results.
}

void Scalar::Backward() {
  std::vector<Node*> order = TopologicalOrder();
  node_->grad += 1.0;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if ((*it)->backward) (*it)->backward(**it);
  }
}

void Scalar::ZeroGrad() {
  for (Node* node : TopologicalOrder()) node->grad = 0;
}

Scalar operator+(const Scalar& a, const Scalar& b) {
  return Scalar::Make(a.value() + b.value(), {a.node_, b.node_},
                      [](Scalar::Node& n) {
                        n.parents[0]->grad += n.grad;
                        n.parents[1]->grad += n.grad;
                      });
}

Scalar operator*(const Scalar& a, const Scalar& b) {
  return Scalar::Make(a.value() * b.value(), {a.node_, b.node_},
                      [](Scalar::Node& n) {
                        n.parents[0]->grad += n.parents[1]->value * n.grad;
                        n.parents[1]->grad += n.parents[0]->value * n.grad;
                      });
}

Scalar operator-(const Scalar& a, const Scalar& b) {
  return a + b * Scalar(-1.0);
}

Scalar Pow(const Scalar& a, double exponent) {
  return Scalar::Make(
      std::pow(a.value(), exponent), {a.node_}, [exponent](Scalar::Node& n) {
        const double x = n.parents[0]->value;
        n.parents[0]->grad += exponent * std::pow(x, exponent - 1) * n.grad;
      });
}

Scalar Relu(const Scalar& a) {
  return Scalar::Make(a.value() > 0 ? a.value() : 0.0, {a.node_},
                      [](Scalar::Node& n) {
                        if (n.value > 0) n.parents[0]->grad += n.grad;
                      });
}

Scalar Tanh(const Scalar& a) {
  return Scalar::Make(std::tanh(a.value()), {a.node_}, [](Scalar::Node& n) {
    n.parents[0]->grad += (1 - n.value * n.value) * n.grad;
  });
}

Scalar Sigmoid(const Scalar& a) {
  return Scalar::Make(1.0 / (1.0 + std::exp(-a.value())), {a.node_},
                      [](Scalar::Node& n) {
                        n.parents[0]->grad += n.value * (1 - n.value) * n.grad;
                      });
}

Scalar Exp(const Scalar& a) {
  return Scalar::Make(std::exp(a.value()), {a.node_}, [](Scalar::Node& n) {
    n.parents[0]->grad += n.value * n.grad;
  });
}

Scalar Log(const Scalar& a) {
  return Scalar::Make(std::log(a.value()), {a.node_}, [](Scalar::Node& n) {
    n.parents[0]->grad += n.grad / n.parents[0]->value;
  });
}

Scalar Dot(const std::vector<Scalar>& a, const std::vector<Scalar>& b) {
  TF_CHECK(a.size() == b.size() && !a.empty());
  Scalar sum = a[0] * b[0];
  for (size_t i = 1; i < a.size(); ++i) sum = sum + a[i] * b[i];
  return sum;
}

}  // namespace tokenforge
