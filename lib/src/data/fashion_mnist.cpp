// Fashion-MNIST: finding the IDX files, checking that images and labels agree,
// and handing out float32 batches from the uint8 bytes.
#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"
#include "d2l/vision.hpp"
#include "data/idx.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::data::vision {

using d2l::detail::cat;
namespace fs = std::filesystem;

struct FashionMNIST::Raw {
  detail::IdxImages images;
  std::vector<uint8_t> labels;
  std::string folder;
};

namespace {

constexpr const char* kSystemFolder = "/usr/share/datasets/fashion-mnist";

// The path of `name` (gzip) or its unpacked copy in `folder`; "" if neither.
std::string find_file(const fs::path& folder, const std::string& name) {
  std::error_code ec;
  for (const auto& candidate : {folder / (name + ".gz"), folder / name}) {
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return "";
}

std::vector<fs::path> search_folders(const std::string& root) {
  if (!root.empty()) return {root};
  std::vector<fs::path> folders;
  if (const char* env = std::getenv("D2L_DATA"); env && *env) {
    folders.push_back(env);
    folders.push_back(fs::path(env) / "fashion-mnist");
  }
  folders.push_back(fs::path("data") / "fashion-mnist");
  folders.push_back("data");
  folders.push_back(kSystemFolder);
  return folders;
}

[[noreturn]] void not_found(const std::vector<fs::path>& searched,
                            const std::string& images, const std::string& labels) {
  std::string places;
  for (const auto& f : searched) {
    places += cat("\n  ", fs::absolute(f).lexically_normal().string());
  }
  throw d2l::Error(cat(
      "FashionMNIST: cannot find ", images, ".gz and ", labels, ".gz. Looked in:", places,
      "\nInstall them with `sudo apt-get install dataset-fashion-mnist` (into ",
      kSystemFolder,
      "), or download them from "
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ (MD5 of the "
      ".gz files: train-images 8d4fb7e6c68d591d4c3dfef9ec88bf0d, train-labels "
      "25c81989df183df01b3e8a0aad5dffbe, t10k-images bef4ecab320f06d8554ea6380940ec79, "
      "t10k-labels bb300cfdad3c16e7a12a480ee83cd310) into a folder and set D2L_DATA "
      "to it."));
}

}  // namespace

FashionMNIST::FashionMNIST(bool train, const std::string& root) {
  const std::string prefix = train ? "train" : "t10k";
  const std::string images_name = prefix + "-images-idx3-ubyte";
  const std::string labels_name = prefix + "-labels-idx1-ubyte";
  const auto folders = search_folders(root);
  for (const auto& folder : folders) {
    const std::string images_path = find_file(folder, images_name);
    const std::string labels_path = find_file(folder, labels_name);
    if (images_path.empty() || labels_path.empty()) {
      // A folder with some of the set's files is where the user put the data: a
      // missing one there is an error, not a reason to take the next folder's
      // (which would mix a training set from one place with a test set from another).
      const bool has_some = !images_path.empty() || !labels_path.empty() ||
                            !find_file(folder, "train-images-idx3-ubyte").empty() ||
                            !find_file(folder, "t10k-images-idx3-ubyte").empty();
      if (has_some) {
        throw d2l::Error(
            cat("FashionMNIST: '", folder.string(),
                "' holds some of the Fashion-MNIST files "
                "but not ",
                images_path.empty() ? images_name : labels_name,
                "(.gz); put all four files there (train and t10k, images and labels)"));
      }
      continue;
    }

    auto raw = std::make_shared<Raw>();
    raw->images = detail::read_idx_images(images_path);
    raw->labels = detail::read_idx_labels(labels_path);
    raw->folder = folder.string();
    if (int64_t(raw->labels.size()) != raw->images.count) {
      throw d2l::Error(
          cat("FashionMNIST: '", images_path, "' holds ", raw->images.count,
              " images but '", labels_path, "' holds ", raw->labels.size(),
              " labels; expected one label per image (files from two different sets?)"));
    }
    for (size_t i = 0; i < raw->labels.size(); ++i) {
      if (raw->labels[i] > 9) {
        throw d2l::Error(cat("FashionMNIST: '", labels_path, "': label ", i, " is ",
                             int(raw->labels[i]), ", expected a class in 0..9"));
      }
    }
    raw_ = std::move(raw);
    return;
  }
  not_found(folders, images_name, labels_name);
}

int64_t FashionMNIST::size() const { return raw_->images.count; }
int64_t FashionMNIST::height() const { return raw_->images.rows; }
int64_t FashionMNIST::width() const { return raw_->images.cols; }
const std::vector<uint8_t>& FashionMNIST::images() const { return raw_->images.pixels; }
const std::vector<uint8_t>& FashionMNIST::labels() const { return raw_->labels; }
const std::string& FashionMNIST::folder() const { return raw_->folder; }

Batch FashionMNIST::gather(std::span<const int64_t> indices) const {
  const int64_t n = int64_t(indices.size());
  const int64_t pixels = height() * width();
  // (n, H, W, 1): MXNet's layout for one-channel images.
  NDArray data = d2l::detail::empty({n, height(), width(), 1}, cpu());
  NDArray label = d2l::detail::empty({n}, cpu());
  float* x = data.data();
  float* y = label.data();
  const uint8_t* src = raw_->images.pixels.data();
  for (int64_t k = 0; k < n; ++k) {
    const int64_t i = indices[size_t(k)];
    if (i < 0 || i >= size()) {
      d2l::detail::fail("FashionMNIST", "index ", i, " is out of range for ", size(),
                        " examples");
    }
    const uint8_t* row = src + i * pixels;
    float* out = x + k * pixels;
    for (int64_t p = 0; p < pixels; ++p) out[p] = float(row[p]);
    y[k] = float(raw_->labels[size_t(i)]);
  }
  return {data, label};
}

const std::array<std::string, 10>& fashion_mnist_label_names() {
  static const std::array<std::string, 10> names = {
      "t-shirt", "trouser", "pullover", "dress", "coat",
      "sandal",  "shirt",   "sneaker",  "bag",   "ankle boot"};
  return names;
}

}  // namespace d2l::gluon::data::vision
