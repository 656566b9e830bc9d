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

/// What Sequential::add takes: a block by value or a std::shared_ptr to one.
template <class B>
concept BlockOrPointer = std::derived_from<std::remove_cvref_t<B>, Block> ||
    std::convertible_to<B, std::shared_ptr<Block>>;

/// A chain of blocks: forward(x) feeds x through each block in the order
/// they were added. `net.add(nn::Dense(256, "relu"), nn::Dense(10));`
/// `net[i]` is the i-th block (see Block::operator[]).
class Sequential : public Block {
 public:
  /// Adds a block held elsewhere too (it is shared, not copied).
  Sequential& add(std::shared_ptr<Block> block);
  /// Adds a block given by value (a built-in layer or your own subclass).
  template <class B>
  requires std::derived_from<std::remove_cvref_t<B>, Block> Sequential& add(B&& block) {
    return add(std::shared_ptr<Block>(
        std::make_shared<std::remove_cvref_t<B>>(std::forward<B>(block))));
  }
  /// Adds several blocks in order, as MXNet's `net.add(a, b, c)`:
  /// `net.add(nn::Dense(256, "relu"), nn::Dense(10))`. C++ evaluates arguments
  /// in an unspecified order (GCC: right to left), so the layers made as these
  /// arguments are renumbered as if made left to right: the first Dense is
  /// `dense0_`, as with chained calls `net.add(a).add(b)`. Blocks given as
  /// variables or std::shared_ptr keep their names.
  template <class... Bs>
  requires(sizeof...(Bs) >= 2) Sequential& add(Bs&&... blocks) {
    static_assert((BlockOrPointer<Bs> && ...),
                  "net.add(...) takes layers (nn::Dense(10)) or std::shared_ptr to "
                  "layers, one or more");
    std::vector<Block*> made_in_call;
    (add_one(std::forward<Bs>(blocks), made_in_call), ...);  // left to right
    number_in_order(made_in_call);
    return *this;
  }

  NDArray forward(const NDArray& x) override;

  /// Number of blocks added.
  size_t size() const { return layers_.size(); }
  /// The first block (a std::shared_ptr): `for (auto& b : net)`.
  auto begin() const { return layers_.begin(); }
  /// Past the last block.
  auto end() const { return layers_.end(); }

 private:
  std::vector<std::shared_ptr<Block>> layers_;

  template <class B>
  void add_one(B&& block, std::vector<Block*>& made_in_call) {
    if constexpr (std::derived_from<std::remove_cvref_t<B>, Block>) {
      add(std::forward<B>(block));
      if constexpr (!std::is_lvalue_reference_v<B>) {
        made_in_call.push_back(layers_.back().get());
      }
    } else {
      add(std::shared_ptr<Block>(std::forward<B>(block)));
    }
  }
};

}  // namespace d2l::gluon::nn
