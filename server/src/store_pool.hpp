#pragma once
// The store as the server's threads share it: one connection per worker (SQLite in WAL mode and
// PostgreSQL both read concurrently), lent for one request at a time; and the point index of
// each version, built on its first point query and then shared read-only.
#include <citynoise/io/receiver_index.hpp>
#include <citynoise/io/store.hpp>
#include <citynoise/io/tiles.hpp>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace citynoise::server {

class StorePool {
 public:
  StorePool(const std::string& store, int connections);

  /// Runs f(MapStore&) on a free connection (waits for one).
  template <class F>
  auto with(F&& f) {
    Lease lease(*this);
    return f(*lease.store);
  }

  /// The version's point index (built once; concurrent first queries wait for the one build).
  std::shared_ptr<const io::ReceiverIndex> index(std::int64_t version);
  /// The version's 3D Tiles coloured by `indicator` (made once, then shared read-only): the city
  /// (layer ""), its vertical sections ("sections") or the volume at an altitude ("slice/<m>").
  std::shared_ptr<const io::Tileset> tiles(std::int64_t version, const std::string& indicator, const std::string& layer = "");
  /// Longitude and latitude of a CRS's points (one converter per CRS, shared).
  const io::LonLatConverter& lonLat(const std::string& crs);
  /// Drops a removed version's index and tiles.
  void forget(std::int64_t version);

 private:
  struct Lease {
    explicit Lease(StorePool& p);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    StorePool& pool;
    io::MapStore* store;
  };
  std::vector<std::unique_ptr<io::MapStore>> all_;
  std::vector<io::MapStore*> free_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::mutex indexMutex_;  // one build at a time: an index of a large version holds ~80 MB
  std::map<std::int64_t, std::shared_ptr<const io::ReceiverIndex>> indexes_;
  std::mutex tilesMutex_, lonLatMutex_;
  std::map<std::string, std::unique_ptr<io::LonLatConverter>> lonLat_;
  std::map<std::pair<std::int64_t, std::string>, std::shared_ptr<const io::Tileset>> tiles_;  ///< by indicator/layer
};

}  // namespace citynoise::server
