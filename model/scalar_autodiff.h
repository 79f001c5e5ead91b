// model/scalar_autodiff.h
//
// A micrograd-style scalar reverse-mode engine (karpathy/micrograd
// engine.py; the course notes' "auto" class, renamed since `auto` is a C++
// keyword). Every number is a node holding its value, its gradient and a
// closure that pushes the gradient to its operands. It exists for teaching
// and for tests, where it cross-checks the tensor engine (model/ops.h) on
// the same expressions; it is 10^4-10^6 times slower.
//
//   Scalar a(2.0), b(-3.0);
//   Scalar y = Sigmoid(a * b + a);
//   y.Backward();          // a.grad() == dy/da, b.grad() == dy/db

#ifndef TOKENFORGE_MODEL_SCALAR_AUTODIFF_H_
#define TOKENFORGE_MODEL_SCALAR_AUTODIFF_H_

#include <functional>
#include <memory>
#include <vector>

namespace tokenforge {

// A handle to a node; copies share the node (and its gradient).
class Scalar {
 public:
  explicit Scalar(double value = 0.0);

  double value() const { return node_->value; }
  double grad() const { return node_->grad; }

  // Sets d(this)/d(this) = 1 and propagates to every node this depends on,
  // in reverse topological order. Gradients accumulate across calls;
  // ZeroGrad() clears this node's whole graph.
  void Backward();
  void ZeroGrad();

  friend Scalar operator+(const Scalar& a, const Scalar& b);
  friend Scalar operator*(const Scalar& a, const Scalar& b);
  friend Scalar operator-(const Scalar& a, const Scalar& b);
  friend Scalar Pow(const Scalar& a, double exponent);
  friend Scalar Relu(const Scalar& a);
  friend Scalar Tanh(const Scalar& a);
  friend Scalar Sigmoid(const Scalar& a);
  friend Scalar Exp(const Scalar& a);
  friend Scalar Log(const Scalar& a);

 private:
  struct Node {
    double value = 0;
    double grad = 0;
    std::vector<std::shared_ptr<Node>> parents;
    std::function<void(Node&)> backward;  // Pushes grad to parents.
  };
  static Scalar Make(double value, std::vector<std::shared_ptr<Node>> parents,
                     std::function<void(Node&)> backward);
  std::vector<Node*> TopologicalOrder() const;

  std::shared_ptr<Node> node_;
};

// sum_i a[i] * b[i]. REQUIRES: equal sizes.
Scalar Dot(const std::vector<Scalar>& a, const std::vector<Scalar>& b);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_SCALAR_AUTODIFF_H_
