// The server's connections and point indexes (see store_pool.hpp).
#include "store_pool.hpp"

namespace citynoise::server {

StorePool::StorePool(const std::string& store, int connections) {
  for (int i = 0; i < connections; ++i) all_.push_back(std::make_unique<io::MapStore>(store));
  for (auto& s : all_) free_.push_back(s.get());
}

StorePool::Lease::Lease(StorePool& p) : pool(p) {
  std::unique_lock<std::mutex> lock(p.mutex_);
  p.available_.wait(lock, [&] { return !p.free_.empty(); });
  store = p.free_.back();
  p.free_.pop_back();
}

StorePool::Lease::~Lease() {
  {
    const std::lock_guard<std::mutex> lock(pool.mutex_);
    pool.free_.push_back(store);
  }
  pool.available_.notify_one();
}

std::shared_ptr<const io::ReceiverIndex> StorePool::index(std::int64_t version) {
  const std::lock_guard<std::mutex> lock(indexMutex_);
  auto& slot = indexes_[version];
  if (!slot) slot = with([&](io::MapStore& s) { return std::make_shared<const io::ReceiverIndex>(s, version); });
  return slot;
}

std::shared_ptr<const io::Tileset> StorePool::tiles(std::int64_t version, const std::string& indicator, const std::string& layer) {
  const std::shared_ptr<const io::ReceiverIndex> levels = layer.empty() ? nullptr : index(version);
  const std::lock_guard<std::mutex> lock(tilesMutex_);
  auto& slot = tiles_[{version, indicator + "/" + layer}];
  if (!slot) {
    slot = with([&](io::MapStore& s) {
      if (layer == "sections") return std::make_shared<const io::Tileset>(io::makeSectionTiles(s, *levels, version, indicator));
      if (layer.rfind("slice/", 0) == 0) return std::make_shared<const io::Tileset>(io::makeSliceTiles(s, *levels, version, indicator, std::stod(layer.substr(6))));
      io::TileOptions o;
      o.indicator = indicator;
      return std::make_shared<const io::Tileset>(io::makeTiles(s, version, o));
    });
  }
  return slot;
}

const io::LonLatConverter& StorePool::lonLat(const std::string& crs) {
  const std::lock_guard<std::mutex> lock(lonLatMutex_);
  auto& slot = lonLat_[crs];
  if (!slot) slot = std::make_unique<io::LonLatConverter>(crs);
  return *slot;
}

void StorePool::forget(std::int64_t version) {
  {
    const std::lock_guard<std::mutex> lock(indexMutex_);
    indexes_.erase(version);
  }
  const std::lock_guard<std::mutex> lock(tilesMutex_);
  for (auto it = tiles_.begin(); it != tiles_.end();) it = it->first.first == version ? tiles_.erase(it) : std::next(it);
}

}  // namespace citynoise::server
