//! # Implementing a Multilayer Perceptron from Scratch
//!
//! We now train the network of the previous section on Fashion-MNIST, writing
//! every piece except the training loop ourselves: the parameters, the ReLU and
//! the forward pass. Only one thing changes compared with softmax regression from
//! scratch: a hidden layer of 256 units with a ReLU sits between the flattened
//! image and the 10 class scores. The loop, `train_ch3`, is the one we wrote for
//! softmax regression.
#include <algorithm>
#include <d2l/d2l.hpp>
#include <iostream>
#include <vector>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv,
                         {.epochs = 5,
                          .batch_size = 256,
                          .lr = 0.5,
                          .quick = {.epochs = 2, .num_test = 2000}});

  //! ## Reading the Data
  //!
  //! Minibatches of 256 images, as before.
  chapter.section("Reading the Data");
  const int epochs = chapter.epochs();
  int64_t batch_size = chapter.batch_size();
  auto [train_iter, test_iter] = book::load_data_fashion_mnist(
      batch_size, /*resize=*/0, chapter.num_train(), chapter.num_test());
  std::cout << train_iter.size() << " training batches, " << test_iter.size()
            << " test batches of up to " << batch_size << " images\n";

  //! ## Initializing the Model Parameters
  //!
  //! Each image has $28 \times 28 = 784$ pixels and there are 10 classes. The
  //! hidden layer's width, 256, is a hyperparameter; powers of two are a common
  //! choice because they map well onto memory and hardware, not for any deeper
  //! reason. Each layer has a weight matrix and a bias vector. The weights start
  //! as small random numbers, $\mathcal{N}(0, 0.01^2)$: if they all started
  //! equal, every hidden unit would compute the same thing and receive the same
  //! gradient, and they would stay identical forever. The biases start at zero.
  //! `attach_grad()` asks for the gradient of each.
  chapter.section("Initializing the Model Parameters");
  const int64_t num_inputs = 784, num_outputs = 10, num_hiddens = 256;
  auto W1 = nd::random::normal(0, 0.01, {num_inputs, num_hiddens});
  auto b1 = nd::zeros({num_hiddens});
  auto W2 = nd::random::normal(0, 0.01, {num_hiddens, num_outputs});
  auto b2 = nd::zeros({num_outputs});
  std::vector<NDArray> params{W1, b1, W2, b2};
  for (auto& p : params) p.attach_grad();
  int64_t count = 0;
  for (const auto& p : params) {
    std::cout << shape_str(p.shape()) << " ";
    count += p.size();
  }
  std::cout << "\n" << count << " parameters in all\n";
  chapter.result("num_params", static_cast<double>(count));

  //! ## Activation Function
  //!
  //! We write ReLU with `nd::maximum` against 0 instead of calling `nd::relu`, to
  //! see that there is nothing hidden in it. Autograd differentiates `maximum`
  //! like any other operation.
  chapter.section("Activation Function");
  auto relu = [](const NDArray& X) { return nd::maximum(X, 0.0f); };
  std::cout << relu(NDArray{-1.5f, 0, 2}) << "\n";

  //! ## The Model
  //!
  //! The network is an ordinary C++ lambda. It flattens each image into a row of
  //! 784 values, applies the hidden layer and its ReLU, and returns the *logits*:
  //! the output layer's scores before softmax. Shapes, for a batch of $n$ images:
  //! `(n, 1, 28, 28) -> (n, 784) -> (n, 256) -> (n, 10)`. The lambda captures the
  //! parameter handles by value; they share storage with `params`, so the updates
  //! of training are seen here.
  chapter.section("The Model");
  auto net = [=](const NDArray& X) {
    auto H = relu(nd::dot(X.reshape({-1, num_inputs}), W1) + b1);
    return nd::dot(H, W2) + b2;
  };
  auto [X0, y0] = *train_iter.begin();
  std::cout << "a batch " << shape_str(X0.shape()) << " gives logits "
            << shape_str(net(X0).shape()) << "\n";

  //! ## The Loss Function
  //!
  //! Softmax and cross-entropy could be written separately, as we did for softmax
  //! regression, but the fused Gluon loss is numerically safer: it works with
  //! $\log \operatorname{softmax}$ computed as $o_j - \max_k o_k - \log \sum_k
  //! e^{o_k - \max_k o_k}$, which never overflows and never takes the log of 0.
  //! It returns one loss per example.
  chapter.section("The Loss Function");
  gluon::loss::SoftmaxCrossEntropyLoss loss;
  auto l0 = loss(net(X0), y0);
  std::cout << "losses of the first batch: " << shape_str(l0.shape()) << ", mean "
            << l0.mean().asscalar() << " (log 10 = 2.3026)\n";

  //! ## Training
  //!
  //! `train_ch3` runs the epochs: for each batch it records the forward pass,
  //! back-propagates the summed loss and calls the scratch `sgd`, which divides
  //! by the batch size. The learning rate 0.5 is larger than the 0.1 of softmax
  //! regression; with the extra layer, the small initial weights make the first
  //! gradients small, and a bolder step helps.
  chapter.section("Training");
  auto history = book::train_ch3(net, train_iter, test_iter, loss, epochs, batch_size,
                                 params, chapter.lr());
  book::show_history(chapter, history, "MLP from scratch",
                     "Training loss, training accuracy and test accuracy");

  //! ## Evaluation
  //!
  //! The training loss ends well below softmax regression's (about 0.49 after the
  //! same five epochs), and the training accuracy is higher too. The test
  //! accuracy moves by a few points from one epoch to the next at this large
  //! learning rate, so compare it over several runs (`--seed`) before drawing
  //! conclusions. Over twenty seeds this program ends between 0.850 and 0.865
  //! (mean 0.859, standard deviation 0.004). The MXNet edition's code, run in
  //! MXNet 1.9.1 on the same machine with twelve seeds, ends between 0.851 and
  //! 0.864 (mean 0.859, standard deviation 0.004), with the same training loss
  //! of about 0.37: the two are indistinguishable. Here are ten test images with
  //! the true label above the predicted one.
  chapter.section("Evaluation");
  int right =
      book::predict_ch3(chapter.path("predictions.svg"), net, test_iter, /*n=*/10);
  chapter.figure("predictions.svg", "True (first line) and predicted labels");
  std::cout << right << " of the first 10 test images classified correctly\n";

  //! ## Exercises
  //!
  //! 1. Change `num_hiddens` to 64, 128, 512 and 1024. How do the accuracies
  //!    change, and how does the time per epoch change?
  //! 2. Add a second hidden layer of 256 units. Do you need to change the learning
  //!    rate to train it well?
  //! 3. Replace `relu` by `nd::sigmoid`. Why is training slower at the start?
  //! 4. Try learning rates from 0.05 to 2. Which gives the best test accuracy
  //!    after 5 epochs, and what goes wrong at the large end?
  //! 5. Initialize all the weights to the same constant, say 0.01. Train and look
  //!    at `W1`: why do its 256 columns stay equal?
}
