#pragma once
/// @file sequential.hpp
/// Sequential: blocks applied one after another (MXNet's `nn.Sequential`).

#include <concepts>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "d2l/gluon/block.hpp"

namespace d2l::gluon::nn {

/// A chain of blocks: forward(x) feeds x through each block in the order
/// they were added. `net.add(nn::Dense(256, "relu"), nn::Dense(10));`
class Sequential : public Block {
 public:
  /// Adds a block held elsewhere too (it is shared, not copied).
  Sequential& add(std::shared_ptr<Block> block);
  /// Adds a block given by value (a built-in layer or your own subclass).
  /// Chain calls to add several: `net.add(nn::Dense(256, "relu")).add(nn::Dense(10))`.
  /// (One call with several arguments would name them in an unspecified order,
  /// because C++ does not fix the order in which arguments are evaluated.)
  template <class B>
  requires std::derived_from<std::remove_cvref_t<B>, Block> Sequential& add(B&& block) {
    return add(std::shared_ptr<Block>(
        std::make_shared<std::remove_cvref_t<B>>(std::forward<B>(block))));
  }

  NDArray forward(const NDArray& x) override;

  /// The i-th block (an error past the end).
  Block& operator[](size_t i) const;
  /// The i-th block as its own type, to reach its members:
  /// `net.at<nn::Dense>(0).weight.data()`.
  template <class B>
  B& at(size_t i) const {
    auto* b = dynamic_cast<B*>(&(*this)[i]);
    if (!b) wrong_type(i);
    return *b;
  }
  size_t size() const { return layers_.size(); }
  auto begin() const { return layers_.begin(); }
  auto end() const { return layers_.end(); }

 private:
  std::vector<std::shared_ptr<Block>> layers_;

  [[noreturn]] void wrong_type(size_t i) const;
};

}  // namespace d2l::gluon::nn
